import { Registry } from '@promkit/core';
import { expect, it } from 'vitest';
import { aggregate } from './aggregate';
import { parse } from './parse';

function processState(worker: number): string {
  const registry = new Registry();
  registry.counter({ name: 'jobs_total', help: 'Jobs.', labelNames: ['queue'] }).inc({ queue: 'a' }, worker);
  registry.gauge({ name: 'queue_depth', help: 'Depth.' }).set(worker * 10);
  registry.gauge({ name: 'heap_bytes', help: 'Heap.' }).set(worker * 100);
  const h = registry.histogram({ name: 'job_seconds', help: 'Time.', buckets: [1] });
  h.observe(worker / 2);
  return worker === 2 ? registry.metrics('openmetrics') : registry.metrics();
}

it('sums counters and histograms and combines gauges by their rule, from either format', () => {
  const text = aggregate(
    [1, 2, 3].map((w) => ({ text: processState(w), labels: { worker: String(w) } })),
    { gauges: { queue_depth: 'sum' } },
  );
  expect(text).toBe(
    [
      '# HELP jobs_total Jobs.',
      '# TYPE jobs_total counter',
      'jobs_total{queue="a"} 6',
      '# HELP queue_depth Depth.',
      '# TYPE queue_depth gauge',
      'queue_depth 60',
      '# HELP heap_bytes Heap.',
      '# TYPE heap_bytes gauge',
      'heap_bytes{worker="1"} 100',
      'heap_bytes{worker="2"} 200',
      'heap_bytes{worker="3"} 300',
      '# HELP job_seconds Time.',
      '# TYPE job_seconds histogram',
      'job_seconds_bucket{le="1.0"} 2',
      'job_seconds_bucket{le="+Inf"} 3',
      'job_seconds_sum 3',
      'job_seconds_count 3',
      '',
    ].join('\n'),
  );
  expect(() => parse(text)).not.toThrow();
  expect(aggregate([{ text: processState(1), labels: {} }, { text: processState(3), labels: {} }], { gaugeRule: 'max' })).toContain('heap_bytes 300\n');
});

it('names a metric whose type differs between processes', () => {
  expect(() => aggregate([{ text: '# TYPE x gauge\nx 1\n', labels: {} }, { text: '# TYPE x counter\nx 1\n', labels: {} }])).toThrow(
    'aggregate: metric "x" is a gauge in one process and a counter in another',
  );
});
