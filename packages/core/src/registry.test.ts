import { describe, expect, it } from 'vitest';
import { Registry } from './registry';
import type { MetricFamilySnapshot } from './snapshot';

describe('registry: get-or-create', () => {
  it('returns the same counter, gauge or histogram when one is registered twice with the same definition', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c_total', help: 'first', labelNames: ['a', 'b'] });
    expect(r.counter({ name: 'c_total', help: 'second help is ignored', labelNames: ['b', 'a'] })).toBe(c);
    expect(r.counter({ name: 'c', help: 'the same counter without the suffix', labelNames: ['a', 'b'] })).toBe(c);
    const g = r.gauge({ name: 'g', help: 'h' });
    expect(r.gauge({ name: 'g', help: 'h' })).toBe(g);
    const h = r.histogram({ name: 'h', help: 'h', buckets: [1, 2] });
    expect(r.histogram({ name: 'h', help: 'h', buckets: [1, 2] })).toBe(h);
    const d = r.histogram({ name: 'd', help: 'h' });
    expect(r.histogram({ name: 'd', help: 'h', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] })).toBe(d);
  });

  it.each([
    ['another type', (r: Registry) => r.gauge({ name: 'x_bytes_total', help: 'h', labelNames: ['a'] }), 'gauge x_bytes_total{a}'],
    ['other label names', (r: Registry) => r.counter({ name: 'x_bytes_total', help: 'h', labelNames: ['b'] }), 'counter x_bytes_total{b}'],
    ['fewer label names', (r: Registry) => r.counter({ name: 'x_bytes_total', help: 'h' }), 'counter x_bytes_total{}'],
    ['a unit', (r: Registry) => r.counter({ name: 'x_bytes', help: 'h', labelNames: ['a'], unit: 'bytes' }), 'counter x_bytes_total{a} unit bytes'],
  ])('throws when the second definition has %s, showing both definitions', (_, register, now) => {
    const r = new Registry();
    r.counter({ name: 'x_bytes_total', help: 'h', labelNames: ['a'] });
    expect(() => register(r)).toThrow(
      new Error(`metric "x_bytes_total" is already registered as counter x_bytes_total{a}; the new definition ${now} conflicts with it`),
    );
  });

  it('throws when histogram buckets differ', () => {
    const r = new Registry();
    r.histogram({ name: 'h', help: 'h', buckets: [1, 2] });
    expect(() => r.histogram({ name: 'h', help: 'h', buckets: [1, 3] })).toThrow(
      'metric "h" is already registered as histogram h{} buckets [1,2]; the new definition histogram h{} buckets [1,3] conflicts with it',
    );
  });

  it('recognises a metric created by another copy of the package by its type tag', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c_total', help: 'h' });
    // A metric from another copy has a different class but the same tag and fields.
    const foreign = Object.assign(Object.create(null), { type: c.type, name: c.name, labelNames: [], unit: undefined });
    expect(foreign instanceof Object).toBe(false);
    expect(r.counter({ name: 'c_total', help: 'h' })).toBe(c);
  });

  it('gets, removes and clears metrics by name', () => {
    const r = new Registry();
    const c = r.counter({ name: 'a_total', help: 'h' });
    r.gauge({ name: 'b', help: 'h' });
    expect(r.get('a_total')).toBe(c);
    expect(r.get('a')).toBeUndefined();
    expect(r.remove('a_total')).toBe(true);
    expect(r.remove('a_total')).toBe(false);
    expect(r.metrics()).toBe('# HELP b h\n# TYPE b gauge\nb 0\n');
    r.clear();
    expect(r.metrics()).toBe('');
    expect(r.metrics('openmetrics')).toBe('# EOF\n');
    expect(r.counter({ name: 'a_total', help: 'h' })).not.toBe(c);
  });
});

describe('registry: validation', () => {
  it.each([
    ['1abc', 'metric name "1abc" must match [a-zA-Z_:][a-zA-Z0-9_:]* and not start with "__"'],
    ['a-b', 'metric name "a-b" must match [a-zA-Z_:][a-zA-Z0-9_:]* and not start with "__"'],
    ['__x', 'metric name "__x" must match [a-zA-Z_:][a-zA-Z0-9_:]* and not start with "__"'],
    ['', 'metric name "" must match [a-zA-Z_:][a-zA-Z0-9_:]* and not start with "__"'],
  ])('rejects the metric name %j', (name, message) => {
    expect(() => new Registry().gauge({ name, help: 'h' })).toThrow(new TypeError(message));
  });

  it('accepts colons in metric names', () => {
    expect(new Registry().gauge({ name: 'job:rate5m', help: 'h' }).name).toBe('job:rate5m');
  });

  it.each([
    [['a-b'], 'gauge "g": label name "a-b" must match [a-zA-Z_][a-zA-Z0-9_]*'],
    [['1a'], 'gauge "g": label name "1a" must match [a-zA-Z_][a-zA-Z0-9_]*'],
    [['__name__'], 'gauge "g": label name "__name__" is reserved'],
    [['a', 'a'], 'gauge "g": label name "a" is listed twice'],
    [[':a'], 'gauge "g": label name ":a" must match [a-zA-Z_][a-zA-Z0-9_]*'],
  ])('rejects the label names %j', (labelNames, message) => {
    expect(() => new Registry().gauge({ name: 'g', help: 'h', labelNames })).toThrow(new TypeError(message));
  });

  it('rejects a missing help, a unit the name does not end in, and a bad maxSeries', () => {
    const r = new Registry();
    expect(() => r.gauge({ name: 'g', help: undefined as unknown as string })).toThrow('gauge "g": help must be a string');
    expect(() => r.gauge({ name: 'g_seconds', help: 'h', unit: 'bytes' })).toThrow(
      'gauge "g_seconds": unit "bytes" requires the name to end in "_bytes"',
    );
    expect(() => r.gauge({ name: 'g', help: 'h', maxSeries: 0 })).toThrow(new RangeError('gauge "g": maxSeries must be a positive integer, got 0'));
    expect(() => new Registry({ maxSeries: 1.5 })).toThrow('registry: maxSeries must be a positive integer, got 1.5');
    expect(() => new Registry({ labels: { 'bad-name': 'x' } })).toThrow('registry labels: label name "bad-name" must match');
  });

  it('names the metric and the label when labels are missing, unknown or of the wrong type', () => {
    const c = new Registry().counter({ name: 'c_total', help: 'h', labelNames: ['method', 'constructor'] });
    expect(() => c.inc({ method: 'GET' } as never)).toThrow(new TypeError('counter "c_total": label "constructor" is missing'));
    expect(() => c.inc({ method: 'GET', constructor: 'x', extra: 1 } as never)).toThrow(
      'counter "c_total": label "extra" is not in labelNames [method, constructor]',
    );
    expect(() => c.inc({ method: {}, constructor: 'x' } as never)).toThrow(
      'counter "c_total": label "method" must be a string, number or boolean, got object',
    );
    // @ts-expect-error labels are required
    expect(() => c.inc()).toThrow('counter "c_total": labels {method, constructor} are required');
    // @ts-expect-error labels are required
    expect(() => c.inc(1)).toThrow('counter "c_total": labels {method, constructor} are required');
  });
});

describe('registry: default labels', () => {
  it('adds them to every series, after the metric labels, unless the metric sets the same label', () => {
    const r = new Registry({ labels: { service: 'api', region: 'eu "1"' } });
    r.counter({ name: 'a_total', help: 'h' }).inc();
    r.gauge({ name: 'b', help: 'h', labelNames: ['region'] }).set({ region: 'us' }, 2);
    r.histogram({ name: 'c', help: 'h', buckets: [1] }).observe(0.5);
    expect(r.metrics()).toBe(
      [
        '# HELP a_total h',
        '# TYPE a_total counter',
        'a_total{service="api",region="eu \\"1\\""} 1',
        '# HELP b h',
        '# TYPE b gauge',
        'b{region="us",service="api"} 2',
        '# HELP c h',
        '# TYPE c histogram',
        'c_bucket{service="api",region="eu \\"1\\"",le="1.0"} 1',
        'c_bucket{service="api",region="eu \\"1\\"",le="+Inf"} 1',
        'c_sum{service="api",region="eu \\"1\\""} 0.5',
        'c_count{service="api",region="eu \\"1\\""} 1',
        '',
      ].join('\n'),
    );
  });

  it('converts number and boolean default label values to strings', () => {
    const r = new Registry({ labels: { shard: 3, canary: false } });
    expect(r.labels).toEqual({ shard: '3', canary: 'false' });
  });
});

describe('registry: cardinality cap', () => {
  it('stops creating series at maxSeries, never throws, and reports dropped updates', () => {
    const r = new Registry({ labels: { service: 'api' } });
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['id'], maxSeries: 2 });
    for (let i = 0; i < 5; i++) c.inc({ id: i });
    c.inc({ id: 0 });
    const child = c.labels({ id: 99 });
    child.inc();
    child.inc();
    // Three unbound updates and both updates of the child bound while the metric was full.
    expect(r.metrics()).toBe(
      [
        '# HELP c_total h',
        '# TYPE c_total counter',
        'c_total{id="0",service="api"} 2',
        'c_total{id="1",service="api"} 1',
        '# HELP promkit_series_dropped_total Updates dropped because a metric reached its maxSeries limit.',
        '# TYPE promkit_series_dropped_total counter',
        'promkit_series_dropped_total{metric="c_total",service="api"} 5',
        '',
      ].join('\n'),
    );
    expect(r.metrics('openmetrics')).toContain(
      '# TYPE promkit_series_dropped counter\n# HELP promkit_series_dropped Updates dropped because a metric reached its maxSeries limit.\npromkit_series_dropped_total{metric="c_total",service="api"} 5\n# EOF\n',
    );
    c.remove({ id: 1 });
    child.inc();
    expect(r.metrics()).toContain('c_total{id="0",service="api"} 2\nc_total{id="99",service="api"} 1\n');
    expect(r.metrics()).toContain('promkit_series_dropped_total{metric="c_total",service="api"} 5\n');
  });

  it('takes the registry-wide default cap of 10,000 series', () => {
    const r = new Registry();
    const g = r.gauge({ name: 'g', help: 'h', labelNames: ['id'] });
    for (let i = 0; i < 10_005; i++) g.set({ id: i }, i);
    const [family, dropped] = r.snapshot();
    expect(family!.series).toHaveLength(10_000);
    expect(dropped!.series[0]!.value).toBe(5);
  });
});

describe('registry: scrape', () => {
  const registry = () => {
    const r = new Registry();
    r.counter({ name: 'a_total', help: 'h' });
    return r;
  };

  it('answers Prometheus 2.42 with OpenMetrics and its exact content type', async () => {
    const accept =
      'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
    expect(await registry().scrape(accept)).toEqual({
      contentType: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
      body: '# TYPE a counter\n# HELP a h\na_total 0\n# EOF\n',
    });
  });

  it.each([undefined, '', '*/*', 'text/plain', 'text/html,application/xhtml+xml,*/*;q=0.8', 'application/openmetrics-text;q=0', 'application/openmetrics-text; q=0.0, text/plain'])(
    'answers %j with text 0.0.4',
    async (accept) => {
      expect(await registry().scrape(accept)).toEqual({
        contentType: 'text/plain; version=0.0.4; charset=utf-8',
        body: '# HELP a_total h\n# TYPE a_total counter\na_total 0\n',
      });
    },
  );

  it('renders the same text again after an OpenMetrics scrape: rendering changes nothing', async () => {
    const r = registry();
    const before = r.metrics();
    await r.scrape('application/openmetrics-text');
    expect(r.metrics()).toBe(before);
  });
});

describe('registry: names that would clash on the wire', () => {
  it.each([
    [(r: Registry) => r.counter({ name: 'a', help: 'h' }), (r: Registry) => r.gauge({ name: 'a', help: 'h' }), 'gauge "a" clashes with counter "a_total": both would expose "a"'],
    [(r: Registry) => r.counter({ name: 'a', help: 'h' }), (r: Registry) => r.gauge({ name: 'a_created', help: 'h' }), 'gauge "a_created" clashes with counter "a_total": both would expose "a_created"'],
    [(r: Registry) => r.gauge({ name: 'a', help: 'h' }), (r: Registry) => r.counter({ name: 'a', help: 'h' }), 'counter "a_total" clashes with gauge "a": both would expose "a"'],
    [(r: Registry) => r.histogram({ name: 'h', help: 'h' }), (r: Registry) => r.gauge({ name: 'h_bucket', help: 'h' }), 'gauge "h_bucket" clashes with histogram "h": both would expose "h_bucket"'],
    [(r: Registry) => r.histogram({ name: 'h', help: 'h' }), (r: Registry) => r.counter({ name: 'h_sum', help: 'h' }), 'counter "h_sum_total" clashes with histogram "h": both would expose "h_sum"'],
    [(r: Registry) => r.gauge({ name: 'h_count', help: 'h' }), (r: Registry) => r.histogram({ name: 'h', help: 'h' }), 'histogram "h" clashes with gauge "h_count": both would expose "h_count"'],
    [(r: Registry) => r.gauge({ name: 'x', help: 'h' }), (r: Registry) => r.gauge({ name: 'promkit_series_dropped', help: 'h' }), 'gauge "promkit_series_dropped" clashes with promkit\'s own counter "promkit_series_dropped_total": both would expose "promkit_series_dropped"'],
  ])('refuses a registration whose samples clash with another family (%#)', (first, second, message) => {
    const r = new Registry();
    first(r);
    expect(() => second(r)).toThrow(new Error(message));
  });

  it('frees the names of a removed metric', () => {
    const r = new Registry();
    r.counter({ name: 'a', help: 'h' });
    r.remove('a_total');
    expect(r.gauge({ name: 'a', help: 'h' }).name).toBe('a');
  });

  it('refuses le and quantile as default labels and a counter named only _total', () => {
    expect(() => new Registry({ labels: { le: '1' } })).toThrow(new TypeError('registry labels: label name "le" is reserved'));
    expect(() => new Registry({ labels: { quantile: '1' } })).toThrow(TypeError);
    expect(() => new Registry().counter({ name: '_total', help: 'h' })).toThrow(new TypeError('counter "_total": a counter needs a name before "_total"'));
  });
});

describe('addFormat', () => {
  const json = {
    mediaType: 'application/json',
    params: {},
    contentType: 'application/json',
    encode: (families: readonly MetricFamilySnapshot[]) => new TextEncoder().encode(JSON.stringify(families.map((f) => [f.name, f.series.map((s) => s.value)]))),
  };

  it('serves an added format to a scraper that prefers it, and text or OpenMetrics to the others', async () => {
    const registry = new Registry();
    registry.counter({ name: 'jobs_total', help: 'Jobs.' }).inc(2);
    registry.addFormat(json);
    registry.addFormat({ ...json, encode: () => new Uint8Array([1]) });
    const scrape = await registry.scrape('application/json');
    expect(scrape.contentType).toBe('application/json');
    expect(new TextDecoder().decode(scrape.body as Uint8Array)).toBe('[["jobs_total",[2]]]');
    expect((await registry.scrape('text/plain;q=0.5,application/json;q=0.4')).body).toBe('# HELP jobs_total Jobs.\n# TYPE jobs_total counter\njobs_total 2\n');
    expect((await registry.scrape('application/openmetrics-text,application/json;q=0.9')).contentType).toMatch(/^application\/openmetrics-text/);
    expect((await registry.scrape()).body).toBe(registry.metrics());
  });
});
