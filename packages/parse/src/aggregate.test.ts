import { execFileSync, spawnSync } from 'node:child_process';
import { Registry } from '@promkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

const three = [1, 2, 3].map((w) => ({ text: processState(w), labels: { worker: String(w) } }));
const src = (text: unknown, worker = '1') => ({ text: text as string, labels: { worker } });

// promtool exits 1 on a parse error, 3 on lint findings only, 0 when clean.
const promtool = (exposition: string): number => spawnSync('promtool', ['check', 'metrics'], { input: exposition }).status ?? -1;
const PYTHON = `import sys
from prometheus_client.parser import text_string_to_metric_families as text
from prometheus_client.openmetrics.parser import text_string_to_metric_families as om
s = sys.stdin.read()
print(sum(len(f.samples) for f in (om if s.endswith('# EOF\\n') else text)(s)))`;
const pythonSamples = (exposition: string): number => Number(execFileSync('python3', ['-c', PYTHON], { input: exposition, encoding: 'utf8' }));

describe('aggregate', () => {
  it('sums counters and histograms and combines gauges by their rule, from either format', () => {
    const { exposition, rejected } = aggregate(three, { gauges: { queue_depth: 'sum' } });
    expect(rejected).toEqual([]);
    expect(exposition).toBe(
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
    expect(aggregate([{ text: processState(1), labels: {} }, { text: processState(3), labels: {} }], { gaugeRule: 'max' }).exposition).toContain('heap_bytes 300\n');
  });

  it('renders valid OpenMetrics on request: counter families without _total, ending in # EOF', () => {
    const { exposition } = aggregate(three, { gauges: { queue_depth: 'sum', heap_bytes: 'sum' }, format: 'openmetrics' });
    expect(exposition).toBe(
      [
        '# TYPE jobs counter',
        '# HELP jobs Jobs.',
        'jobs_total{queue="a"} 6',
        '# TYPE queue_depth gauge',
        '# HELP queue_depth Depth.',
        'queue_depth 60',
        '# TYPE heap_bytes gauge',
        '# HELP heap_bytes Heap.',
        'heap_bytes 600',
        '# TYPE job_seconds histogram',
        '# HELP job_seconds Time.',
        'job_seconds_bucket{le="1.0"} 2',
        'job_seconds_bucket{le="+Inf"} 3',
        'job_seconds_sum 3',
        'job_seconds_count 3',
        '# EOF',
        '',
      ].join('\n'),
    );
    expect(parse(exposition, { format: 'openmetrics' }).map((f) => f.name)).toEqual(['jobs', 'queue_depth', 'heap_bytes', 'job_seconds']);
  });

  it('leaves out a source that is garbage or not a string and combines the rest', () => {
    const { exposition, rejected } = aggregate([src(processState(1)), src('<html>502 Bad Gateway</html>', '2'), src(undefined, '3'), src(processState(3), '4')]);
    expect(rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(rejected[1]?.error).toBeInstanceOf(TypeError);
    expect(exposition).toContain('jobs_total{queue="a"} 4\n');
  });

  it('leaves out whole the process whose family has another type than most processes give it', () => {
    const counter = (n: number) => `# TYPE x counter\nx ${n}\n# TYPE y gauge\ny ${n}\n`;
    const { exposition, rejected } = aggregate([src(counter(1), '1'), src('# TYPE x gauge\nx 5\n# TYPE y gauge\ny 5\n', '2'), src(counter(2), '3')]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.index).toBe(1);
    expect(rejected[0]?.error.message).toBe('aggregate: metric "x" is a gauge here and a counter in most processes');
    expect(exposition).toBe('# TYPE x counter\nx 3\n# TYPE y gauge\ny{worker="1"} 1\ny{worker="3"} 2\n');
  });

  it('adds up summary _sum and _count but drops quantiles, which cannot be added', () => {
    const summary = (n: number) => `# TYPE rpc summary\nrpc{quantile="0.5"} ${n}\nrpc_sum ${n * 10}\nrpc_count ${n}\n`;
    expect(aggregate([src(summary(1), '1'), src(summary(2), '2')]).exposition).toBe('# TYPE rpc summary\nrpc_sum 30\nrpc_count 3\n');
  });

  it('drops _created samples of counters but keeps a gauge whose name ends in _created', () => {
    const om = (n: number) => `# TYPE c counter\nc_total ${n}\nc_created 1.5e9\n# TYPE last_created gauge\nlast_created ${n}\n# EOF\n`;
    expect(aggregate([src(om(1), '1'), src(om(2), '2')], { gaugeRule: 'max' }).exposition).toBe('# TYPE c_total counter\nc_total 3\n# TYPE last_created gauge\nlast_created 2\n');
  });

  it('treats one label set written in two orders as one series', () => {
    const { exposition } = aggregate([src('# TYPE c counter\nc{a="1",b="2"} 1\n', '1'), src('# TYPE c counter\nc{b="2",a="1"} 2\n', '2')]);
    expect(exposition).toBe('# TYPE c counter\nc{a="1",b="2"} 3\n');
  });

  it('treats le="1" and le="1.0" as one bucket', () => {
    const h = (le: string) => `# TYPE h histogram\nh_bucket{le="${le}"} 1\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n`;
    expect(aggregate([src(h('1'), '1'), src(h('1.0'), '2')]).exposition).toBe(
      '# TYPE h histogram\nh_bucket{le="1.0"} 2\nh_bucket{le="+Inf"} 2\nh_sum 2\nh_count 2\n',
    );
  });

  it('keeps a label a process already has under exported_<name> when the keep rule adds its own', () => {
    const text = '# TYPE g gauge\ng{worker="db",exported_worker="x"} 1\n';
    expect(aggregate([src(text, '7')]).exposition).toBe('# TYPE g gauge\ng{worker="7",exported_worker="db",exported_exported_worker="x"} 1\n');
  });

  it('keeps the samples of each histogram series together in bucket order across processes', () => {
    const h = (path: string) => `# TYPE h histogram\nh_bucket{path="${path}",le="5.0"} 1\nh_bucket{path="${path}",le="+Inf"} 1\nh_sum{path="${path}"} 1\nh_count{path="${path}"} 1\n`;
    const { exposition } = aggregate([src(h('/a'), '1'), src(h('/b') + '', '2'), src(h('/a'), '3')], { format: 'openmetrics' });
    expect(() => parse(exposition)).not.toThrow();
    expect(exposition.split('\n').slice(1, 5)).toEqual(['h_bucket{path="/a",le="5.0"} 2', 'h_bucket{path="/a",le="+Inf"} 2', 'h_sum{path="/a"} 2', 'h_count{path="/a"} 2']);
  });

  it('writes text that promtool accepts and text and OpenMetrics that prometheus_client parses', () => {
    const values = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(Number.POSITIVE_INFINITY, 0));
    const label = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', 'é', ' ') });
    const processes = fc.array(fc.record({ help: label, value: values, label, n: fc.nat(100) }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(processes, fc.boolean(), (states, om) => {
        const sources = states.map((s, i) => {
          const registry = new Registry();
          registry.gauge({ name: 'temp_celsius', help: s.help, labelNames: ['room'] }).set({ room: s.label }, s.value);
          registry.counter({ name: 'jobs_total', help: s.help, labelNames: ['room'] }).inc({ room: s.label }, s.n);
          registry.histogram({ name: 'job_seconds', help: 'Time.', buckets: [0.5, 1e6] }).observe(s.n);
          return src(registry.metrics(i % 2 ? 'openmetrics' : 'text'), String(i));
        });
        const { exposition, rejected } = aggregate(sources, { format: om ? 'openmetrics' : 'text' });
        expect(rejected).toEqual([]);
        // promtool reads OpenMetrics with the 0.0.4 parser, which rejects the `\"` OpenMetrics HELP requires.
        if (!om) expect(promtool(exposition)).not.toBe(1);
        expect(pythonSamples(exposition)).toBe(parse(exposition).reduce((n, f) => n + f.samples.length, 0));
      }),
      { seed: 1312, numRuns: 10 },
    );
  }, 60_000);
});
