// Deterministic scenarios that must produce the same text in every runtime. They import only
// platform-neutral packages and use nothing but the standard library shared by Node, workerd,
// Deno and Bun. Each returns the text it produced; runtimes.test.ts compares it to expected.ts.
import { Registry } from '@promkit/core';

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
    run: () => {
      const registry = new Registry({ maxSeries: 2 });
      const c = registry.counter({ name: 'c_total', help: 'h', labelNames: ['id'] });
      for (let i = 0; i < 4; i++) c.inc({ id: i });
      const scrape = registry.scrape('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5');
      return `${scrape.contentType}\n${scrape.body}`;
    },
  },
];

/** Runs every scenario and returns its text by name. */
export async function runScenarios(): Promise<Record<string, string>> {
  const results: Record<string, string> = {};
  for (const scenario of scenarios) results[scenario.name] = await scenario.run();
  return results;
}
