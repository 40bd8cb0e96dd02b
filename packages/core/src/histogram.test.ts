import { afterEach, describe, expect, it, vi } from 'vitest';
import { Registry } from './registry';

afterEach(() => vi.useRealTimers());

describe('histogram', () => {
  it('renders cumulative buckets ending in +Inf, then _sum and _count, in both formats', () => {
    const r = new Registry();
    const h = r.histogram({ name: 'job_duration_seconds', help: 'Job time.', unit: 'seconds', labelNames: ['job'], buckets: [0.1, 1, 5] });
    h.observe({ job: 'a' }, 0.1);
    h.observe({ job: 'a' }, 0.5);
    h.observe({ job: 'a' }, 7);
    const body = [
      'job_duration_seconds_bucket{job="a",le="0.1"} 1',
      'job_duration_seconds_bucket{job="a",le="1.0"} 2',
      'job_duration_seconds_bucket{job="a",le="5.0"} 2',
      'job_duration_seconds_bucket{job="a",le="+Inf"} 3',
      'job_duration_seconds_sum{job="a"} 7.6',
      'job_duration_seconds_count{job="a"} 3',
    ].join('\n');
    expect(r.metrics()).toBe(`# HELP job_duration_seconds Job time.\n# TYPE job_duration_seconds histogram\n${body}\n`);
    expect(r.metrics('openmetrics')).toBe(
      `# TYPE job_duration_seconds histogram\n# UNIT job_duration_seconds seconds\n# HELP job_duration_seconds Job time.\n${body}\n# EOF\n`,
    );
  });

  it('uses the Prometheus default buckets and shows an unlabeled histogram at zero', () => {
    const r = new Registry();
    r.histogram({ name: 'h', help: 'h' });
    const bounds = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1.0', '2.5', '5.0', '10.0', '+Inf'];
    expect(r.metrics()).toBe(
      `# HELP h h\n# TYPE h histogram\n${bounds.map((le) => `h_bucket{le="${le}"} 0\n`).join('')}h_sum 0\nh_count 0\n`,
    );
  });

  it('times with startTimer: end(moreLabels) observes and returns seconds', () => {
    vi.useFakeTimers();
    const r = new Registry();
    const h = r.histogram({ name: 'h_seconds', help: 'h', labelNames: ['route', 'code'], buckets: [1] });
    const end = h.startTimer({ route: '/a' });
    vi.advanceTimersByTime(500);
    expect(end({ code: 200 })).toBe(0.5);
    const child = h.labels({ route: '/b', code: 500 });
    const stop = child.startTimer();
    vi.advanceTimersByTime(2000);
    expect(stop()).toBe(2);
    expect(r.metrics()).toContain('h_seconds_bucket{route="/a",code="200",le="1.0"} 1\n');
    expect(r.metrics()).toContain('h_seconds_bucket{route="/b",code="500",le="1.0"} 0\nh_seconds_bucket{route="/b",code="500",le="+Inf"} 1\nh_seconds_sum{route="/b",code="500"} 2\n');
  });

  it('counts a value equal to a bound in that bucket (le is inclusive) and zero in the first bucket', () => {
    const r = new Registry();
    const h = r.histogram({ name: 'h', help: 'h', buckets: [1, 2] });
    h.observe(1);
    h.observe(0);
    h.observe(3);
    expect(r.metrics()).toContain('h_bucket{le="1.0"} 2\nh_bucket{le="2.0"} 2\nh_bucket{le="+Inf"} 3\nh_sum 4\nh_count 3\n');
  });

  it.each([
    [[1, 1], 'histogram "h": buckets must be finite numbers >= 0 in increasing order, got [1,1]'],
    [[2, 1], 'histogram "h": buckets must be finite numbers >= 0 in increasing order, got [2,1]'],
    [[1, Infinity], 'histogram "h": buckets must be finite numbers >= 0 in increasing order, got [1,Infinity]'],
    [[Number.NaN], 'histogram "h": buckets must be finite numbers >= 0 in increasing order, got [NaN]'],
    [[-1, 1], 'histogram "h": buckets must be finite numbers >= 0 in increasing order, got [-1,1]'],
  ])('rejects buckets %j', (buckets, message) => {
    expect(() => new Registry().histogram({ name: 'h', help: 'h', buckets })).toThrow(new TypeError(message));
  });

  it('reserves the le label', () => {
    expect(() => new Registry().histogram({ name: 'h', help: 'h', labelNames: ['le'] })).toThrow(
      'histogram "h": label name "le" is reserved',
    );
  });

  it.each([Number.NaN, -1, -0.001, Infinity, -Infinity])('rejects the observation %s and creates no series for it', (value) => {
    const r = new Registry();
    const h = r.histogram({ name: 'h', help: 'h', labelNames: ['a'], buckets: [1] });
    expect(() => h.observe({ a: 'x' }, value)).toThrow(
      new RangeError(`histogram "h": observation must be a finite number >= 0, got ${value}`),
    );
    expect(r.metrics()).toBe('# HELP h h\n# TYPE h histogram\n');
  });

  it('rejects a non-number observation with a TypeError', () => {
    const h = new Registry().histogram({ name: 'h', help: 'h' });
    expect(() => h.observe('1' as unknown as number)).toThrow(TypeError);
  });
});

describe('native buckets', () => {
  // A stand-in for @promkit/protobuf's nativeBuckets(): counts by power of two (schema 0).
  const powersOfTwo = {
    create: () => new Map<number, number>(),
    observe: (state: Map<number, number>, value: number) => {
      const index = Math.ceil(Math.log2(value));
      state.set(index, (state.get(index) ?? 0) + 1);
    },
    snapshot: (state: Map<number, number>) => ({ schema: 0, zeroThreshold: 0, zeroCount: 0, positive: [...state].sort((a, b) => a[0] - b[0]) }),
  };

  it('keeps native state per series beside the classic buckets, and text shows only +Inf when there are none', () => {
    const registry = new Registry();
    const h = registry.histogram({ name: 'rpc_seconds', help: 'RPC.', labelNames: ['op'], native: powersOfTwo });
    h.observe({ op: 'get' }, 3);
    h.labels({ op: 'get' }).observe(0.5);
    h.observe({ op: 'put' }, 4);
    const [family] = registry.snapshot();
    expect(family?.series.map((s) => [s.labels.op, s.native?.positive, s.count])).toEqual([
      ['get', [[-1, 1], [2, 1]], 2],
      ['put', [[2, 1]], 1],
    ]);
    expect(registry.metrics()).toContain('rpc_seconds_bucket{op="get",le="+Inf"} 2\nrpc_seconds_sum{op="get"} 3.5\nrpc_seconds_count{op="get"} 2\n');
    expect(() => registry.histogram({ name: 'rpc_seconds', help: 'RPC.', labelNames: ['op'] })).toThrow(/native/);
  });
});
