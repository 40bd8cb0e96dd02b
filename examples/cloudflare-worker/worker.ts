// A Cloudflare Worker with HTTP metrics. Workers cannot be scraped per instance, so the
// metrics go to a Pushgateway: after each response (without delaying it, through
// `ctx.waitUntil`) and on a cron trigger. Deploy with wrangler (see README.md).
import { Registry } from '@promkit/core';
import { instrumentFetch } from '@promkit/fetch';
import { pushToGateway } from '@promkit/pushgateway';

interface Env {
  /** Base URL of the Pushgateway, e.g. `https://pushgateway.example.com`. */
  readonly PUSHGATEWAY_URL: string;
}
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

// One registry per isolate: its counters add up over every request the isolate serves. Each
// isolate pushes to its own group (`instance`), so isolates never overwrite each other's counts;
// sum over `instance` in PromQL. Groups of retired isolates stay on the gateway until deleted.
const registry = new Registry({ labels: { app: 'edge-api' } });
// Made on first use: Workers forbid random values at global scope.
let instance: string | undefined;

const handle = instrumentFetch(
  async (request: Request) => {
    const { pathname } = new URL(request.url);
    const user = /^\/users\/([^/]+)$/.exec(pathname);
    if (user) return Response.json({ id: user[1] });
    return new Response('not found', { status: 404 });
  },
  {
    registry,
    route: (request) => (/^\/users\/[^/]+$/.test(new URL(request.url).pathname) ? '/users/:id' : undefined),
  },
);

const push = (env: Env) =>
  pushToGateway({ url: env.PUSHGATEWAY_URL, job: 'edge-api', groupings: { instance: (instance ??= crypto.randomUUID()) }, registry, signal: AbortSignal.timeout(5000) }).catch(
    (error: unknown) => console.error('metrics push failed', error),
  );

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const response = await handle(request);
    ctx.waitUntil(push(env));
    return response;
  },
  async scheduled(_event: unknown, env: Env, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(push(env));
  },
};
