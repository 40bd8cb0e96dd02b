import { formatBound, Registry } from '@promkit/core';
import fc from 'fast-check';
import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { normalize } from './normalize';
import { parse } from './parse';
import { valueOf } from './value-of';

const labelValue = fc.oneof(fc.string(), fc.constantFrom('', '\\', '"', '\n', 'a\\"b\nc', 'é✓😀', '1,b:2'));
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
// An exemplar as core takes it: a few labels, sometimes its own value, a time in ms.
const exemplar = fc.record(
  {
    labels: fc.dictionary(fc.constantFrom('trace_id', 'span_id', 'user'), labelValue, { maxKeys: 2 }),
    value: finite,
    timestamp: fc.integer({ min: 0, max: 4e12 }),
  },
  { requiredKeys: ['labels', 'timestamp'] },
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
// What the parser gives back for an exemplar recorded with `value`: the time in seconds, and
// -0 as 0 (rendered "0").
const parsed = (e: { labels: object; value?: number; timestamp: number }, value: number) => ({
  labels: e.labels,
  value: (e.value ?? value) + 0,
  timestamp: e.timestamp / 1000,
});

it('gives back every value of any registry state, in both formats', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(labelValue, fc.double({ min: 0, max: 1e12, noNaN: true }), maybe(exemplar)), { maxLength: 6 }),
      fc.array(fc.tuple(labelValue, finite), { maxLength: 6 }),
      // OpenMetrics forbids a negative _sum and a _sum beside negative buckets (use a gauge histogram).
      fc.array(fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), maybe(exemplar)), { maxLength: 10 }),
      (counts, gauges, observations) => {
        const registry = new Registry();
        const counter = registry.counter({ name: 'c_total', help: 'C "quoted" \\ help\nline.', labelNames: ['v'] });
        const gauge = registry.gauge({ name: 'g', help: 'G.', labelNames: ['v'] });
        const histogram = registry.histogram({ name: 'h_seconds', help: 'H.', unit: 'seconds', buckets: [0, 1, 100] });
        const expectedCounts = new Map<string, number>();
        const expectedGauges = new Map<string, number>();
        // The latest exemplar of each counter series and of each histogram bucket (by le).
        const counterExemplars = new Map<string, unknown>();
        const bucketExemplars = new Map<string, unknown>();
        for (const [v, n, e] of counts) {
          counter.inc({ v }, n, e);
          expectedCounts.set(v, (expectedCounts.get(v) ?? 0) + n);
          if (e) counterExemplars.set(v, parsed(e, n));
        }
        for (const [v, n] of gauges) {
          gauge.set({ v }, n);
          expectedGauges.set(v, n);
        }
        for (const [value, e] of observations) {
          histogram.observe(value, e);
          if (e) bucketExemplars.set(value <= 0 ? '0.0' : value <= 1 ? '1.0' : value <= 100 ? '100.0' : '+Inf', parsed(e, value));
        }
        for (const format of ['text', 'openmetrics'] as const) {
          const families = parse(registry.metrics(format));
          const samples = families.flatMap((f) => f.samples);
          for (const [v, n] of expectedCounts) expect(samples.find((s) => s.name === 'c_total' && s.labels.v === v)?.value).toBe(n);
          // Numeric equality: a gauge set to -0 is rendered "0", the same number.
          for (const [v, n] of expectedGauges) expect(samples.find((s) => s.name === 'g' && s.labels.v === v)?.value === n, `g{v=${JSON.stringify(v)}} ${n}`).toBe(true);
          expect(samples.find((s) => s.name === 'h_seconds_count')?.value).toBe(observations.length);
          expect(samples.find((s) => s.name === 'h_seconds_bucket' && s.labels.le === '1.0')?.value).toBe(observations.filter(([o]) => o <= 1).length);
          // Exemplars: in OpenMetrics exactly those recorded last, in text 0.0.4 none.
          const om = format === 'openmetrics';
          for (const [v] of expectedCounts) expect(samples.find((s) => s.name === 'c_total' && s.labels.v === v)?.exemplar).toEqual(om ? counterExemplars.get(v) : undefined);
          for (const le of ['0.0', '1.0', '100.0', '+Inf']) {
            expect(samples.find((s) => s.name === 'h_seconds_bucket' && s.labels.le === le)?.exemplar).toEqual(om ? bucketExemplars.get(le) : undefined);
          }
          expect(families.find((f) => f.name === (format === 'text' ? 'c_total' : 'c'))?.help).toBe('C "quoted" \\ help\nline.');
        }
      },
    ),
    { numRuns: 200 },
  );
});

it("reads prom-client's output in both formats", async () => {
  const registry = new client.Registry();
  const counter = new client.Counter({ name: 'jobs_total', help: 'Jobs.', labelNames: ['queue'], registers: [registry] });
  counter.inc({ queue: 'a"b' }, 2);
  new client.Histogram({ name: 'job_seconds', help: 'Job time.', registers: [registry], buckets: [1, 5] }).observe(2);
  expect(valueOf(await registry.metrics(), 'jobs_total', { queue: 'a"b' })).toBe(2);
  registry.setContentType(client.openMetricsContentType as never);
  const om = await registry.metrics();
  expect(valueOf(om, 'job_seconds_bucket', { le: '5' })).toBe(1);
});

it('valueOf reads a registry directly and insists on labels when a name is ambiguous', () => {
  const registry = new Registry();
  const c = registry.counter({ name: 'hits_total', help: 'h', labelNames: ['code'] });
  c.inc({ code: 200 }, 3);
  c.inc({ code: 500 });
  registry.gauge({ name: 'depth', help: 'd' }).set(4);
  expect(valueOf(registry, 'hits_total', { code: 200 })).toBe(3);
  expect(valueOf(registry, 'hits_total', { code: 404 })).toBeUndefined();
  expect(valueOf(registry, 'depth')).toBe(4);
  expect(valueOf(registry, 'missing')).toBeUndefined();
  expect(() => valueOf(registry, 'hits_total')).toThrow('valueOf: 2 samples are named "hits_total"; pass the labels of the one you mean');
});

it('normalize sorts families, samples and labels into one stable text', () => {
  const a = '# TYPE b gauge\nb{y="2",x="1"} 1\nb{x="0",y="9"} 2\n# HELP a Help.\n# TYPE a counter\na 5 1700000000000\n';
  const b = '# TYPE a counter\na 5\n# TYPE b gauge\nb{x="0",y="9"} 2\nb{x="1",y="2"} 1\n';
  expect(normalize(a)).toBe('# TYPE a counter\na 5\n# TYPE b gauge\nb{x="0",y="9"} 2\nb{x="1",y="2"} 1\n');
  expect(normalize(a)).toBe(normalize(b));
});

describe('summaries', () => {
  const sortedQuantiles = fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }).map((qs) => [...qs].sort((a, b) => a - b));
  const summaryState = fc.record({
    quantiles: fc.option(sortedQuantiles, { nil: undefined }),
    observations: fc.array(fc.tuple(labelValue, fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true }))), { maxLength: 8 }),
  });

  it('parse back to their snapshot (quantiles, _sum, _count, _created), with and without quantiles, in both formats', () => {
    fc.assert(
      fc.property(fc.array(summaryState, { minLength: 1, maxLength: 3 }), fc.boolean(), (summaries, created) => {
        const registry = new Registry({ created });
        summaries.forEach(({ quantiles, observations }, i) => {
          const s = registry.summary({ name: `s${i}_seconds`, help: 'S "x" \\ y.', unit: 'seconds', labelNames: ['v'], quantiles });
          for (const [v, value] of observations) s.observe({ v }, value);
        });
        const snapshot = registry.snapshot();
        for (const format of ['text', 'openmetrics'] as const) {
          const expected = snapshot.flatMap(({ name, series }) =>
            series.flatMap(({ labels, quantiles = [], sum, count, created: at }) => [
              ...quantiles.map(({ quantile, value }) => ({ name, labels: { ...labels, quantile: formatBound(quantile) }, value })),
              { name: `${name}_sum`, labels, value: sum },
              { name: `${name}_count`, labels, value: count },
              ...(created && format === 'openmetrics' ? [{ name: `${name}_created`, labels, value: at / 1000 }] : []),
            ]),
          );
          const families = parse(registry.metrics(format));
          expect(families.map((f) => [f.name, f.type, f.unit, f.help])).toEqual(
            snapshot.map((f) => [f.name, 'summary', format === 'openmetrics' ? 'seconds' : undefined, 'S "x" \\ y.']),
          );
          expect(families.flatMap((f) => f.samples)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});
