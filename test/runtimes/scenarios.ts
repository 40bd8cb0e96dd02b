// Deterministic scenarios that must produce the same text in every runtime. They import only
// platform-neutral packages and use nothing but the standard library shared by Node, workerd,
// Deno and Bun. Each returns the text it produced; runtimes.test.ts compares it to expected.ts.
import { createBreakerMetrics } from '@promkit/breaker';
import { Registry } from '@promkit/core';
import { instrumentFetch, metricsHandler } from '@promkit/fetch';
import { prometheus } from '@promkit/hono';
import { Hono } from 'hono';

// Durations differ between runs and runtimes: one 10 s bucket holds them all, and the `_sum`
// lines are left out of the compared text.
const withoutSums = (text: string): string => text.split('\n').filter((line) => !/_sum[{ ]/.test(line)).join('\n');

const OM_ACCEPT = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';

/** One scenario: a name and a run that returns the text it produced. */
export interface Scenario {
  readonly name: string;
  run(): string | Promise<string>;
}

const caught = (fn: () => unknown): string => {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
};

export const scenarios: Scenario[] = [
  {
    name: 'core: every metric type in both formats',
    run: () => {
      const registry = new Registry({ labels: { runtime: 'any' } });
      const requests = registry.counter({ name: 'http_requests', help: 'Requests.', labelNames: ['method', 'code'] });
      requests.inc({ method: 'GET', code: 200 });
      requests.labels({ method: 'GET', code: 200 }).inc(2);
      requests.inc({ code: 500, method: 'POST' });
      registry.gauge({ name: 'temperature_celsius', help: 'Temperature.', unit: 'celsius' }).set(-3.5);
      const latency = registry.histogram({ name: 'job_duration_seconds', help: 'Job time.', labelNames: ['job'], buckets: [0.1, 1, 1e6] });
      latency.observe({ job: 'a' }, 0.05);
      latency.observe({ job: 'a' }, 2);
      return `${registry.metrics()}----\n${registry.metrics('openmetrics')}`;
    },
  },
  {
    name: 'core: escaping, special values and unambiguous keys',
    run: () => {
      const registry = new Registry();
      const g = registry.gauge({ name: 'g', help: 'Quote " backslash \\ newline \n end.', labelNames: ['a', 'b'] });
      g.set({ a: '1,b:2', b: '' }, Infinity);
      g.set({ a: '1', b: '2' }, -Infinity);
      g.set({ a: 'x"y\\z\nw', b: 'é✓' }, Number.NaN);
      return `${registry.metrics()}----\n${registry.metrics('openmetrics')}`;
    },
  },
  {
    name: 'core: get-or-create, conflicts and validation errors',
    run: () => {
      const registry = new Registry();
      const c = registry.counter({ name: 'jobs_total', help: 'h', labelNames: ['queue'] });
      return [
        `same instance: ${registry.counter({ name: 'jobs', help: 'other', labelNames: ['queue'] }) === c}`,
        caught(() => registry.gauge({ name: 'jobs_total', help: 'h' })),
        caught(() => c.inc({ queue: 'q' }, -1)),
        caught(() => c.inc({ queue: 'q', extra: 1 } as never)),
        caught(() => registry.histogram({ name: 'h', help: 'h', buckets: [2, 1] })),
      ].join('\n');
    },
  },
  {
    name: 'core: cardinality cap and content negotiation',
    run: async () => {
      const registry = new Registry({ maxSeries: 2 });
      const c = registry.counter({ name: 'c_total', help: 'h', labelNames: ['id'] });
      for (let i = 0; i < 4; i++) c.inc({ id: i });
      const scrape = await registry.scrape('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5');
      return `${scrape.contentType}\n${scrape.body}`;
    },
  },
];

scenarios.push(
  {
    name: 'fetch: instrumented handler, errors, unmatched paths and the negotiated scrape',
    run: async () => {
      const registry = new Registry();
      const handler = instrumentFetch(
        (request: Request) => {
          const path = new URL(request.url).pathname;
          if (path === '/boom') throw new RangeError('boom');
          return new Response('ok', { status: path.startsWith('/users/') ? 200 : 404 });
        },
        { registry, buckets: [10], route: (request, response) => (response?.status === 200 ? '/users/:id' : undefined) },
      );
      for (const path of ['/users/1', '/users/2', '/nope/abc', '/boom']) {
        await handler(new Request(`https://edge.example${path}`)).catch((error: Error) => error);
      }
      await handler(new Request('https://edge.example/users/3', { method: 'PURGE' }));
      const scrape = await metricsHandler({ registry })(new Request('https://edge.example/metrics', { headers: { accept: OM_ACCEPT } }));
      return `${scrape.status} ${scrape.headers.get('content-type')}\n${withoutSums(await scrape.text())}`;
    },
  },
  {
    name: 'fetch: Hono middleware with route paths and onError',
    run: async () => {
      const registry = new Registry();
      const app = new Hono();
      app.use(prometheus({ registry, buckets: [10] }));
      app.get('/posts/:id', (c) => c.text('ok'));
      app.get('/fail', () => {
        throw new TypeError('bad');
      });
      app.onError((_error, c) => c.text('handled', 500));
      for (const path of ['/posts/1', '/posts/2', '/fail', '/missing']) await app.request(path);
      const scrape = await app.request('/metrics');
      return `${scrape.status} ${scrape.headers.get('content-type')}\n${withoutSums(await scrape.text())}`;
    },
  },
  {
    name: 'fetch: clients that go away are recorded once each, as 499 until the handler answered',
    run: async () => {
      const registry = new Registry();
      const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 20));
      const handler = instrumentFetch(
        async (request: Request) => {
          await slow();
          if (request.url.endsWith('/throws')) throw new Error('gave up');
          return new Response('late');
        },
        { registry, buckets: [10], route: (request) => new URL(request.url).pathname },
      );
      const app = new Hono();
      app.use(prometheus({ registry, buckets: [10] }));
      app.get('/hono', async (c) => {
        await slow();
        return c.text('late');
      });
      const leaving = async (send: (request: Request) => Promise<unknown>, path: string) => {
        const controller = new AbortController();
        const answered = send(new Request(`https://edge.example${path}`, { signal: controller.signal })).catch((error: Error) => error);
        await Promise.resolve();
        controller.abort();
        await answered;
      };
      await leaving(handler, '/left');
      await leaving(handler, '/throws');
      await handler(new Request('https://edge.example/gone', { signal: AbortSignal.abort() }));
      await leaving(async (request) => app.fetch(request), '/hono');
      const streamed = await handler(new Request('https://edge.example/streamed'));
      await streamed.body?.cancel();
      return registry
        .metrics()
        .split('\n')
        .filter((line) => /^http_requests_(total|in_flight)[{ ]|^http_request_errors_total[{ ]/.test(line))
        .join('\n');
    },
  },
  {
    name: 'breaker: a hand-written breaker through open, half-open and closed, and its bad input',
    run: () => {
      const registry = new Registry();
      const reported: string[] = [];
      const onError = (error: unknown) => reported.push(String(error));
      const payments = createBreakerMetrics({ name: 'payments', registry, buckets: [0.5], onInternalError: onError, isFailure: (e) => !(e instanceof RangeError) });
      createBreakerMetrics({ name: 'cache', registry, buckets: [0.5], states: ['closed', 'open', 'isolated'], state: 'isolated' });
      payments.success(0.25);
      payments.failure(new Error('refused'), 0.75);
      payments.failure(new RangeError('not found'), 0.125);
      payments.timeout(1);
      payments.stateChange('closed', 'open');
      payments.rejected();
      payments.fallback();
      payments.stateChange('half_open');
      payments.success(Number.NaN);
      payments.stateChange('closed');
      (payments.stateChange as (to: string) => void)('melted');
      return `${registry.metrics()}----\n${registry.metrics('openmetrics')}----\n${reported.join('\n')}`;
    },
  },
);

/** Runs every scenario and returns its text by name. */
export async function runScenarios(): Promise<Record<string, string>> {
  const results: Record<string, string> = {};
  for (const scenario of scenarios) results[scenario.name] = await scenario.run();
  return results;
}
