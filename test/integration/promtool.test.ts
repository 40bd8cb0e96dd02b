// promtool (the Prometheus project's own parser and linter) reads and lints our exposition.
import { createBreakerMetrics } from '@promkit/breaker';
import { exponentialBuckets, Registry } from '@promkit/core';
import { createHttpMetrics } from '@promkit/http';
import { createRuntimeMetrics } from '@promkit/node-runtime';
import { describe, expect, it } from 'vitest';
import { promtoolCheck } from './promtool';

// Every feature of core's exposition in one registry; `quote` decides whether HELP texts
// contain a double quote (see the OpenMetrics case below).
function coreSamples(quote: string): Registry {
  const registry = new Registry({ labels: { service: 'api' } });
  const requests = registry.counter({
    name: 'http_requests_total',
    help: `HTTP requests ${quote}served${quote}, by method \\ path.\nSecond line.`,
    labelNames: ['method', 'path'],
  });
  requests.inc({ method: 'GET', path: 'a"b\\c\nd' });
  requests.inc({ method: 'POST', path: '/users/:id' }, 3);
  registry.gauge({ name: 'room_temperature_celsius', help: 'Temperature.', unit: 'celsius' }).set(-Infinity);
  registry.gauge({ name: 'cache_hit_ratio', help: 'Hit ratio.' }).set(Number.NaN);
  const latency = registry.histogram({
    name: 'job_duration_seconds',
    help: 'Job duration.',
    unit: 'seconds',
    labelNames: ['job'],
    buckets: [0.00001, ...exponentialBuckets(0.5, 2, 3), 1e6],
  });
  latency.observe({ job: 'a' }, 0.3);
  latency.observe({ job: 'b' }, 7);
  const capped = registry.counter({ name: 'tenant_requests_total', help: 'Per tenant.', labelNames: ['tenant'], maxSeries: 1 });
  capped.inc({ tenant: 'a' });
  capped.inc({ tenant: 'b' });
  return registry;
}

// The full default output of the http and breaker packages, after some traffic.
function packageSamples(): Registry {
  const registry = new Registry();
  const http = createHttpMetrics({ registry, sizes: true });
  const ok = http.start('GET', '/users/1');
  ok.end(200, '/users/:id', { request: 0, response: 120 });
  const failed = http.start('POST', '/orders');
  failed.error(new TypeError('x'));
  failed.end(500);
  http.start('GET', '/slow').abort();
  const breaker = createBreakerMetrics({ name: 'inventory', registry });
  breaker.success(0.01);
  breaker.failure(new Error('refused'), 0.2);
  breaker.stateChange('closed', 'open');
  breaker.rejected();
  breaker.fallback();
  return registry;
}

describe('promtool check metrics', () => {
  it('finds no problem in the http and breaker packages\' text 0.0.4 output', () => {
    expect(promtoolCheck(packageSamples().metrics())).toEqual({ code: 0, problems: '' });
  });

  it("finds in the Node runtime metrics only the three names prom-client gave its gauges", async () => {
    const registry = new Registry();
    const stop = createRuntimeMetrics({ registry });
    try {
      for (let i = 0; i < 20; i++) new Array(100_000).fill({ i }); // a GC or two for the histogram
      await new Promise((resolve) => setTimeout(resolve, 20));
      const text = registry.metrics();
      expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
      // prom-client (whose names dashboards query) calls three gauges *_total; promtool wants
      // that suffix on counters only. Compatibility wins; removing the three makes it clean.
      const totals = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];
      expect(promtoolCheck(text)).toEqual({ code: 3, problems: totals.map((n) => `${n} non-counter metrics should not have "_total" suffix`).join('\n') });
      for (const name of totals) registry.remove(name);
      expect(promtoolCheck(registry.metrics())).toEqual({ code: 0, problems: '' });
    } finally {
      stop();
    }
  });

  it('parses their OpenMetrics output, with only the counter-family artefact of its 0.0.4 parser', () => {
    const registry = packageSamples();
    const counters = registry
      .metrics()
      .split('\n')
      .filter((line) => line.startsWith('# TYPE') && line.endsWith(' counter'))
      .map((line) => `${line.split(' ')[2]} no help text`);
    expect(counters.length).toBeGreaterThanOrEqual(5);
    expect(promtoolCheck(registry.metrics('openmetrics'))).toEqual({ code: 3, problems: counters.sort().join('\n') });
  });

  it('finds no problem in core text 0.0.4 output with every escape, special value, unit and the cap self-metric', () => {
    expect(promtoolCheck(coreSamples('"').metrics())).toEqual({ code: 0, problems: '' });
  });

  it('parses core OpenMetrics output, complaining only about what its 0.0.4 parser cannot see', () => {
    // promtool 2.42 reads OpenMetrics input with its 0.0.4 parser. That parser rejects the `\"`
    // escape OpenMetrics requires in HELP (so this case keeps quotes out of HELP), and takes a
    // counter family `x` (HELP, TYPE) and its `x_total` samples for two families, reporting the
    // latter as having no help. Anything else would be a real problem. Prometheus itself
    // scrapes OpenMetrics with its OpenMetrics parser (prometheus.test.ts).
    const text = coreSamples("'").metrics('openmetrics');
    expect(text.endsWith('# EOF\n')).toBe(true);
    const counters = ['http_requests_total', 'promkit_series_dropped_total', 'tenant_requests_total'];
    expect(promtoolCheck(text)).toEqual({ code: 3, problems: counters.map((name) => `${name} no help text`).join('\n') });
  });

  it('does report problems, so a clean result means something', () => {
    const registry = new Registry();
    registry.gauge({ name: 'requestLatencyMs', help: '' }).set(1);
    const lint = promtoolCheck(registry.metrics());
    expect(lint.code).toBe(3);
    expect(lint.problems).toContain('requestLatencyMs');
    expect(promtoolCheck('bad line {\n').code).toBe(1);
  });
});
