// A Cloudflare Worker with HTTP metrics, written to a Prometheus remote write receiver after
// each response (through `ctx.waitUntil`, so the response is not delayed). Workers cannot be
// scraped, and a Pushgateway group per isolate grows without bound: remote write stores each
// isolate's series like any other and lets them go stale when the isolate retires.
import { Registry } from '@promkit/core';
import { instrumentFetch } from '@promkit/fetch';
import { createRemoteWriter, type RemoteWriter } from '@promkit/remote-write';

interface Env {
  /** The receiver's write endpoint, e.g. `https://prometheus.example.com/api/v1/write`. */
  readonly REMOTE_WRITE_URL: string;
}
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

// One registry per isolate: its counters add up over every request the isolate serves.
const registry = new Registry({ labels: { app: 'edge-api' } });
// One writer per isolate, made on first use (Workers forbid random values at global scope): its
// `instance` label keeps each isolate's series apart, so their samples never collide; a recording
// rule `sum without (instance)` gives the fleet-wide series.
let writer: RemoteWriter | undefined;

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

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const response = await handle(request);
    writer ??= createRemoteWriter({ url: env.REMOTE_WRITE_URL, registry, labels: { job: 'edge-api', instance: crypto.randomUUID() } });
    // flush() never rejects: failures go to onInternalError (console.error by default).
    ctx.waitUntil(writer.flush());
    return response;
  },
};
