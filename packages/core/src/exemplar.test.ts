import { afterEach, describe, expect, it, vi } from 'vitest';
import { Registry } from './registry';

afterEach(() => vi.useRealTimers());

const trace = { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' };

describe('exemplars on counters', () => {
  it('renders the latest exemplar of each series on its _total sample, in OpenMetrics only', () => {
    vi.useFakeTimers({ now: 1_700_000_000_123 });
    const r = new Registry();
    const c = r.counter({ name: 'requests', help: 'h', labelNames: ['method'] });
    c.inc({ method: 'GET' }, 2, { labels: { trace_id: 'old' } });
    c.inc({ method: 'GET' }, 3, { labels: trace });
    c.inc({ method: 'POST' });
    c.labels({ method: 'PUT' }).inc(1, { labels: { trace_id: 'a"b\\c\n' }, value: 0.5, timestamp: 1_600_000_000_000 });
    expect(r.metrics('openmetrics')).toBe(
      [
        '# TYPE requests counter',
        '# HELP requests h',
        'requests_total{method="GET"} 5 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 3 1700000000.123',
        'requests_total{method="POST"} 1',
        'requests_total{method="PUT"} 1 # {trace_id="a\\"b\\\\c\\n"} 0.5 1600000000',
        '# EOF',
        '',
      ].join('\n'),
    );
    expect(r.metrics()).toBe(
      '# HELP requests_total h\n# TYPE requests_total counter\nrequests_total{method="GET"} 5\nrequests_total{method="POST"} 1\nrequests_total{method="PUT"} 1\n',
    );
  });

  it('takes (value?, exemplar?) on an unlabeled counter, and puts the exemplar before _created', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const r = new Registry({ created: true });
    const c = r.counter({ name: 'jobs_total', help: 'h' });
    c.inc(undefined, { labels: { trace_id: 'x', span_id: 7 } });
    expect(r.metrics('openmetrics')).toContain('jobs_total 1 # {trace_id="x",span_id="7"} 1 1700000000\njobs_created 1700000000\n');
    c.inc({}, 2, { labels: {}, value: 9 });
    expect(r.metrics('openmetrics')).toContain('jobs_total 3 # {} 9 1700000000\n');
  });

  it('shows the exemplar in snapshot() and gather(), with string labels', async () => {
    const r = new Registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['a'] });
    c.inc({ a: 'x' }, 4, { labels: { trace_id: 'abc', sampled: true }, timestamp: 1000 });
    c.inc({ a: 'y' });
    const expected = [
      { labels: { a: 'x' }, created: expect.any(Number), value: 4, exemplar: { labels: { trace_id: 'abc', sampled: 'true' }, value: 4, timestamp: 1000 } },
      { labels: { a: 'y' }, created: expect.any(Number), value: 1 },
    ];
    expect(r.snapshot()[0]!.series).toEqual(expected);
    expect((await r.gather())[0]!.series).toEqual(expected);
    expect(r.snapshot()[0]!.series[1]).not.toHaveProperty('exemplar');
  });

  it('forgets exemplars with the series: remove() and reset() clear them', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['a'] });
    const child = c.labels({ a: 'x' });
    child.inc(1, { labels: trace, timestamp: 0 });
    c.reset();
    child.inc();
    expect(r.metrics('openmetrics')).toContain('c_total{a="x"} 1\n');
    child.inc(1, { labels: { trace_id: 'new' }, timestamp: 0 });
    expect(r.metrics('openmetrics')).toContain('c_total{a="x"} 2 # {trace_id="new"} 1 0\n');
    c.remove({ a: 'x' });
    c.inc({ a: 'x' });
    expect(r.metrics('openmetrics')).toContain('c_total{a="x"} 1\n');
  });

  it('drops an exemplar with its update when the metric is full', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['a'], maxSeries: 1 });
    c.inc({ a: 'x' });
    c.inc({ a: 'y' }, 1, { labels: trace });
    c.labels({ a: 'y' }).inc(1, { labels: trace });
    expect(r.snapshot().map((f) => f.series.map((s) => [s.labels, s.value, s.exemplar]))).toEqual([
      [[{ a: 'x' }, 1, undefined]],
      [[{ metric: 'c_total' }, 2, undefined]],
    ]);
  });
});

describe('exemplars on histograms', () => {
  it('keeps the latest exemplar per bucket, where the observation falls, in OpenMetrics only', () => {
    vi.useFakeTimers({ now: 1_700_000_000_500 });
    const r = new Registry();
    const h = r.histogram({ name: 'latency_seconds', help: 'h', labelNames: ['route'], buckets: [0.1, 1] });
    h.observe({ route: '/' }, 0.05, { labels: { trace_id: 'a' } });
    h.observe({ route: '/' }, 0.5, { labels: { trace_id: 'b' } });
    h.observe({ route: '/' }, 0.7, { labels: { trace_id: 'c' }, value: 0.75, timestamp: 1_700_000_000_000 });
    h.labels({ route: '/' }).observe(5, { labels: { trace_id: 'd' } });
    h.observe({ route: '/' }, 0.01);
    const body = (exemplars: string[]): string =>
      [
        `latency_seconds_bucket{route="/",le="0.1"} 2${exemplars[0]}`,
        `latency_seconds_bucket{route="/",le="1.0"} 4${exemplars[1]}`,
        `latency_seconds_bucket{route="/",le="+Inf"} 5${exemplars[2]}`,
        'latency_seconds_sum{route="/"} 6.26',
        'latency_seconds_count{route="/"} 5',
        '',
      ].join('\n');
    expect(r.metrics('openmetrics')).toBe(
      `# TYPE latency_seconds histogram\n# HELP latency_seconds h\n${body([
        ' # {trace_id="a"} 0.05 1700000000.5',
        ' # {trace_id="c"} 0.75 1700000000',
        ' # {trace_id="d"} 5 1700000000.5',
      ])}# EOF\n`,
    );
    expect(r.metrics()).toBe(`# HELP latency_seconds h\n# TYPE latency_seconds histogram\n${body(['', '', ''])}`);
  });

  it('takes (value, exemplar?) on an unlabeled histogram and shows exemplars on snapshot buckets', () => {
    const r = new Registry();
    const h = r.histogram({ name: 'h', help: 'h', buckets: [1] });
    h.observe(2, { labels: { trace_id: 'z' }, timestamp: 5 });
    h.observe(0.5);
    expect(r.snapshot()[0]!.series[0]!.buckets).toEqual([
      { le: 1, count: 1 },
      { le: Infinity, count: 2, exemplar: { labels: { trace_id: 'z' }, value: 2, timestamp: 5 } },
    ]);
    expect(r.snapshot()[0]!.series[0]!.buckets![0]).not.toHaveProperty('exemplar');
  });
});

describe('exemplar validation', () => {
  const cases: [string, unknown, ErrorConstructor, string][] = [
    ['not an object', 'abc', TypeError, 'counter "c_total": an exemplar must be an object with labels'],
    ['without labels', { value: 1 }, TypeError, 'counter "c_total": an exemplar must be an object with labels'],
    ['with a bad label name', { labels: { 'trace-id': 'x' } }, TypeError, 'counter "c_total": exemplar label name "trace-id" must match [a-zA-Z_][a-zA-Z0-9_]*'],
    ['with a bad label value', { labels: { trace_id: null } }, TypeError, 'counter "c_total" exemplar: label "trace_id" must be a string, number or boolean, got object'],
    ['with a NaN value', { labels: {}, value: Number.NaN }, RangeError, 'counter "c_total": exemplar value must be a finite number, got NaN'],
    ['with a string value', { labels: {}, value: '1' }, TypeError, 'counter "c_total": exemplar value must be a finite number, got 1'],
    ['with an infinite timestamp', { labels: {}, timestamp: Infinity }, RangeError, 'counter "c_total": exemplar timestamp must be a finite number, got Infinity'],
    ['over 128 code points', { labels: { trace_id: 'x'.repeat(121) } }, RangeError, 'counter "c_total": exemplar labels must total at most 128 code points, got 129'],
  ];

  it.each(cases)('refuses an exemplar %s, naming the metric, and records nothing', (_, exemplar, Kind, message) => {
    const r = new Registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['a'] });
    expect(() => c.inc({ a: 'x' }, 1, exemplar as never)).toThrow(new Kind(message));
    expect(() => c.labels({ a: 'y' }).inc(1, exemplar as never)).toThrow(new Kind(message));
    const h = r.histogram({ name: 'h', help: 'h', labelNames: ['a'] });
    expect(() => h.observe({ a: 'x' }, 1, exemplar as never)).toThrow(message.replace('counter "c_total"', 'histogram "h"'));
    expect(() => h.labels({ a: 'y' }).observe(1, exemplar as never)).toThrow(message.replace('counter "c_total"', 'histogram "h"'));
    const u = r.counter({ name: 'u_total', help: 'h' });
    expect(() => u.inc(1, exemplar as never)).toThrow(message.replace('c_total', 'u_total'));
    // The refused updates created no series (x) and counted nothing (y, u).
    expect(r.snapshot().map((f) => f.series.map((s) => [s.labels, s.value ?? s.count]))).toEqual([[[{ a: 'y' }, 0]], [[{ a: 'y' }, 0]], [[{}, 0]]]);
  });

  it('counts code points, not UTF-16 units, and accepts exactly 128', () => {
    const c = new Registry().counter({ name: 'c_total', help: 'h' });
    // 'trace_id' is 8 code points; each emoji is 1 code point but 2 UTF-16 units.
    expect(() => c.inc(1, { labels: { trace_id: '😀'.repeat(120) } })).not.toThrow();
    expect(() => c.inc(1, { labels: { trace_id: '😀'.repeat(121) } })).toThrow('got 129');
  });

  it('renders a lone surrogate in an exemplar label as U+FFFD, as UTF-8 encoding would', () => {
    const r = new Registry();
    r.counter({ name: 'c_total', help: 'h' }).inc(1, { labels: { trace_id: 'a\uD800b' }, timestamp: 0 });
    expect(r.metrics('openmetrics')).toContain('c_total 1 # {trace_id="a\uFFFDb"} 1 0\n');
  });
});
