import { afterEach, describe, expect, it, vi } from 'vitest';
import { summary } from './default-registry';
import { defaultRegistry } from './default-registry';
import { Registry } from './registry';

afterEach(() => vi.useRealTimers());

// Observations 1..100 over a window that never rotates during the test.
const hundred = (registry: Registry) => {
  const s = registry.summary({ name: 'rpc_seconds', help: 'RPC time.', unit: 'seconds', labelNames: ['op'], quantiles: [0, 0.5, 0.99, 1] });
  for (let i = 1; i <= 100; i++) s.observe({ op: 'get' }, i);
  return s;
};

describe('summary', () => {
  it('renders quantiles (canonical spelling), then _sum and _count, in both formats', () => {
    vi.useFakeTimers({ now: 0 });
    const r = new Registry();
    hundred(r);
    // Each value is 2γ^i/(γ+1), γ = 1.01/0.99, for the bucket (γ^(i-1), γ^i] holding the exact
    // quantile (1, 50, 99, 100): computed independently with Python, each within 1 %.
    const body = [
      'rpc_seconds{op="get",quantile="0.0"} 0.9900000000000001',
      'rpc_seconds{op="get",quantile="0.5"} 49.90296094906653',
      'rpc_seconds{op="get",quantile="0.99"} 98.50457626879137',
      'rpc_seconds{op="get",quantile="1.0"} 100.49456770856492',
      'rpc_seconds_sum{op="get"} 5050',
      'rpc_seconds_count{op="get"} 100',
    ].join('\n');
    expect(r.metrics()).toBe(`# HELP rpc_seconds RPC time.\n# TYPE rpc_seconds summary\n${body}\n`);
    expect(r.metrics('openmetrics')).toBe(`# TYPE rpc_seconds summary\n# UNIT rpc_seconds seconds\n# HELP rpc_seconds RPC time.\n${body}\n# EOF\n`);
  });

  it('shows only _sum and _count without quantiles, and an unlabeled summary at zero', () => {
    const r = new Registry();
    const s = r.summary({ name: 'payload_bytes', help: 'Sizes.' });
    expect(r.metrics()).toBe('# HELP payload_bytes Sizes.\n# TYPE payload_bytes summary\npayload_bytes_sum 0\npayload_bytes_count 0\n');
    s.observe(2.5);
    s.observe(0);
    expect(r.metrics()).toBe('# HELP payload_bytes Sizes.\n# TYPE payload_bytes summary\npayload_bytes_sum 2.5\npayload_bytes_count 2\n');
  });

  it('adds _created in OpenMetrics when the registry asks for it, after _count', () => {
    vi.useFakeTimers({ now: 1_700_000_000_500 });
    const r = new Registry({ created: true });
    r.summary({ name: 's', help: 'h', quantiles: [0.5] });
    expect(r.metrics('openmetrics')).toBe('# TYPE s summary\n# HELP s h\ns{quantile="0.5"} NaN\ns_sum 0\ns_count 0\ns_created 1700000000.5\n# EOF\n');
    expect(r.metrics()).not.toContain('_created');
  });

  it('gives a snapshot with quantiles, sum and count', () => {
    vi.useFakeTimers({ now: 0 });
    const r = new Registry();
    hundred(r);
    const [family] = r.snapshot();
    expect(family).toMatchObject({ name: 'rpc_seconds', type: 'summary', unit: 'seconds' });
    expect(family?.series).toEqual([
      {
        labels: { op: 'get' },
        created: 0,
        quantiles: [
          { quantile: 0, value: 0.9900000000000001 },
          { quantile: 0.5, value: 49.90296094906653 },
          { quantile: 0.99, value: 98.50457626879137 },
          { quantile: 1, value: 100.49456770856492 },
        ],
        sum: 5050,
        count: 100,
      },
    ]);
  });

  it('reports NaN quantiles for an empty window and 0 for zeros', () => {
    const r = new Registry();
    const s = r.summary({ name: 's', help: 'h', labelNames: ['a'], quantiles: [0.5, 0.9] });
    s.labels({ a: 'empty' });
    s.observe({ a: 'zeros' }, 0);
    s.observe({ a: 'zeros' }, 0);
    expect(r.metrics()).toContain('s{a="empty",quantile="0.5"} NaN\ns{a="empty",quantile="0.9"} NaN\n');
    expect(r.metrics()).toContain('s{a="zeros",quantile="0.5"} 0\ns{a="zeros",quantile="0.9"} 0\ns_sum{a="zeros"} 0\ns_count{a="zeros"} 2\n');
  });

  it('forgets observations older than maxAgeSeconds, one age bucket at a time, but keeps _sum and _count', () => {
    vi.useFakeTimers({ now: 0 });
    const r = new Registry();
    const s = r.summary({ name: 's', help: 'h', quantiles: [0.5], maxAgeSeconds: 50, ageBuckets: 5 });
    const median = () => r.snapshot()[0]?.series[0]?.quantiles?.[0]?.value;
    s.observe(100); // in the slice [0 s, 10 s)
    vi.setSystemTime(25_000);
    s.observe(1); // [20 s, 30 s)
    s.observe(1);
    expect(median()).toBeCloseTo(1, 1);
    vi.setSystemTime(49_999);
    expect(r.metrics()).toContain('s_count 3\n');
    expect(median()).toBeCloseTo(1, 1);
    vi.setSystemTime(50_000); // the first slice leaves the window: 1, 1, 100, 100, 100 remain
    for (let i = 0; i < 3; i++) s.observe(100);
    expect(median()).toBeCloseTo(100, -1);
    vi.setSystemTime(69_999);
    expect(median()).toBeCloseTo(100, -1);
    vi.setSystemTime(70_000); // the slice [20 s, 30 s) leaves: 100, 100, 100 remain
    expect(median()).toBeCloseTo(100, -1);
    vi.setSystemTime(100_000); // everything left
    expect(median()).toBeNaN();
    expect(r.metrics()).toContain('s{quantile="0.5"} NaN\ns_sum 402\ns_count 6\n');
  });

  it('has the histogram surface: labels() child, startTimer, remove and reset', () => {
    vi.useFakeTimers({ now: 0 });
    const r = new Registry();
    const s = r.summary({ name: 'job_seconds', help: 'h', labelNames: ['job', 'code'], quantiles: [0.5] });
    const end = s.startTimer({ job: 'a' });
    vi.advanceTimersByTime(1500);
    expect(end({ code: 0 })).toBe(1.5);
    const child = s.labels({ job: 'b', code: 1 });
    const stop = child.startTimer();
    vi.advanceTimersByTime(250);
    expect(stop()).toBe(0.25);
    expect(r.metrics()).toContain('job_seconds_sum{job="a",code="0"} 1.5\n');
    expect(r.metrics()).toContain('job_seconds_sum{job="b",code="1"} 0.25\n');
    s.remove({ job: 'a', code: 0 });
    expect(r.metrics()).not.toContain('job="a"');
    s.reset();
    child.observe(2); // a child kept across reset starts a fresh series
    expect(r.metrics()).toBe('# HELP job_seconds h\n# TYPE job_seconds summary\njob_seconds{job="b",code="1",quantile="0.5"} 1.9936617014173446\njob_seconds_sum{job="b",code="1"} 2\njob_seconds_count{job="b",code="1"} 1\n');
  });

  it.each([Number.NaN, -1, -0.001, Infinity, -Infinity])('rejects the observation %s and creates no series for it', (value) => {
    const r = new Registry();
    const s = r.summary({ name: 's', help: 'h', labelNames: ['a'], quantiles: [0.5] });
    expect(() => s.observe({ a: 'x' }, value)).toThrow(new RangeError(`summary "s": observation must be a finite number >= 0, got ${value}`));
    expect(() => s.labels({ a: 'y' }).observe(value)).toThrow(RangeError);
    expect(r.metrics()).toBe('# HELP s h\n# TYPE s summary\ns{a="y",quantile="0.5"} NaN\ns_sum{a="y"} 0\ns_count{a="y"} 0\n');
  });

  it.each([
    [{ quantiles: [0.5, 0.5] }, 'TypeError', 'summary "s": quantiles must be increasing numbers in [0, 1], got [0.5,0.5]'],
    [{ quantiles: [0.9, 0.5] }, 'TypeError', 'summary "s": quantiles must be increasing numbers in [0, 1], got [0.9,0.5]'],
    [{ quantiles: [1.5] }, 'TypeError', 'summary "s": quantiles must be increasing numbers in [0, 1], got [1.5]'],
    [{ quantiles: [Number.NaN] }, 'TypeError', 'summary "s": quantiles must be increasing numbers in [0, 1], got [NaN]'],
    [{ quantiles: ['0.5'] }, 'TypeError', 'summary "s": quantiles must be increasing numbers in [0, 1], got [0.5]'],
    [{ maxAgeSeconds: 0 }, 'RangeError', 'summary "s": maxAgeSeconds must be finite and > 0 and ageBuckets an integer > 0, got 0 and 5'],
    [{ maxAgeSeconds: Infinity }, 'RangeError', 'summary "s": maxAgeSeconds must be finite and > 0 and ageBuckets an integer > 0, got Infinity and 5'],
    [{ ageBuckets: 1.5 }, 'RangeError', 'summary "s": maxAgeSeconds must be finite and > 0 and ageBuckets an integer > 0, got 600 and 1.5'],
    [{ ageBuckets: 0 }, 'RangeError', 'summary "s": maxAgeSeconds must be finite and > 0 and ageBuckets an integer > 0, got 600 and 0'],
  ])('rejects the config %j', (config, kind, message) => {
    const register = () => new Registry().summary({ name: 's', help: 'h', ...(config as object) });
    expect(register).toThrow(message);
    expect(register).toThrow(kind === 'TypeError' ? TypeError : RangeError);
  });

  it('reserves the quantile label', () => {
    expect(() => new Registry().summary({ name: 's', help: 'h', labelNames: ['quantile'] })).toThrow('summary "s": label name "quantile" is reserved');
  });

  it('is created in the default registry by summary()', () => {
    const s = summary({ name: 'summary_test_default_seconds', help: 'h' });
    expect(defaultRegistry.get('summary_test_default_seconds')).toBe(s);
    defaultRegistry.remove('summary_test_default_seconds');
  });
});

describe('summary: get-or-create and names', () => {
  it('returns the same summary for the same definition and throws when quantiles or the window differ', () => {
    const r = new Registry();
    const s = r.summary({ name: 's', help: 'h', labelNames: ['a'], quantiles: [0.5, 0.9] });
    expect(r.summary({ name: 's', help: 'other help', labelNames: ['a'], quantiles: [0.5, 0.9], maxAgeSeconds: 600, ageBuckets: 5 })).toBe(s);
    expect(() => r.summary({ name: 's', help: 'h', labelNames: ['a'], quantiles: [0.5] })).toThrow(
      'metric "s" is already registered as summary s{a} quantiles [0.5,0.9] maxAgeSeconds 600 ageBuckets 5; the new definition summary s{a} quantiles [0.5] maxAgeSeconds 600 ageBuckets 5 conflicts with it',
    );
    expect(() => r.summary({ name: 's', help: 'h', labelNames: ['a'], quantiles: [0.5, 0.9], maxAgeSeconds: 60 })).toThrow(/maxAgeSeconds 60 ageBuckets 5 conflicts/);
    expect(() => r.histogram({ name: 's', help: 'h', labelNames: ['a'] })).toThrow(/already registered as summary/);
  });

  it.each([
    ['a summary "x" and a gauge "x_sum"', (r: Registry) => (r.summary({ name: 'x', help: 'h' }), r.gauge({ name: 'x_sum', help: 'h' })), 'gauge "x_sum" clashes with summary "x": both would expose "x_sum"'],
    ['a counter "x_count" and a summary "x"', (r: Registry) => (r.counter({ name: 'x_count', help: 'h' }), r.summary({ name: 'x', help: 'h' })), 'summary "x" clashes with counter "x_count_total": both would expose "x_count"'],
    ['a summary "x" and a gauge "x_created"', (r: Registry) => (r.summary({ name: 'x', help: 'h' }), r.gauge({ name: 'x_created', help: 'h' })), 'gauge "x_created" clashes with summary "x": both would expose "x_created"'],
  ])('refuses %s', (_, register, message) => {
    expect(() => register(new Registry())).toThrow(message);
  });

  it('lets a summary "x" live beside a gauge "x_bucket" (it exposes no buckets) and frees its names on remove', () => {
    const r = new Registry();
    r.summary({ name: 'x', help: 'h' });
    expect(() => r.gauge({ name: 'x_bucket', help: 'h' })).not.toThrow();
    r.remove('x');
    expect(() => r.gauge({ name: 'x_sum', help: 'h' })).not.toThrow();
  });
});
