import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Registry } from './registry';

describe('series keys', () => {
  it('never merges two label sets, whatever characters the values hold (prom-client collides on "1,b:2")', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['a', 'b'] });
    c.inc({ a: '1,b:2', b: '' });
    c.inc({ a: '1', b: '2' });
    c.inc({ a: '1\u0000', b: '2' });
    c.inc({ a: '1', b: '\u00002' });
    c.inc({ a: '', b: '' });
    expect(r.snapshot()[0]!.series).toHaveLength(5);
    expect(r.metrics()).toBe(
      [
        '# HELP c_total h',
        '# TYPE c_total counter',
        'c_total{a="1,b:2",b=""} 1',
        'c_total{a="1",b="2"} 1',
        'c_total{a="1\u0000",b="2"} 1',
        'c_total{a="1",b="\u00002"} 1',
        'c_total{a="",b=""} 1',
        '',
      ].join('\n'),
    );
  });

  it('keeps one series per distinct label set for any random label sets (property)', () => {
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('\u0000', '\u0000\u0000', '"', '\\', '\n', ','));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { maxLength: 40 }), (sets) => {
        const r = new Registry();
        const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['a', 'b', 'c'], maxSeries: 1e6 });
        for (const [a, b, v] of sets) c.inc({ a, b, c: v });
        // Expected counts per label set as UTF-8 sees it (lone surrogates become U+FFFD).
        const utf8 = (x: string) => new TextDecoder().decode(new TextEncoder().encode(x));
        const expected = new Map<string, number>();
        for (const set of sets) {
          const key = JSON.stringify(set.map(utf8));
          expected.set(key, (expected.get(key) ?? 0) + 1);
        }
        const series = r.snapshot()[0]!.series;
        expect(new Map(series.map((s) => [JSON.stringify([s.labels.a, s.labels.b, s.labels.c]), s.value]))).toEqual(expected);
        for (const [a, b, v] of sets) expect(c.labels({ a, b, c: v })).toBe(c.labels({ c: v, b, a }));
      }),
      { seed: 20261129 },
    );
  }, 30_000);

  it('treats __proto__, constructor and toString like any other label value or name', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['constructor', 'toString'] });
    c.inc({ constructor: '__proto__', toString: 'constructor' });
    c.inc({ constructor: 'toString', toString: '__proto__' });
    c.inc({ constructor: '__proto__', toString: 'constructor' });
    const one = r.gauge({ name: 'g', help: 'h', labelNames: ['hasOwnProperty'] });
    one.set({ hasOwnProperty: '__proto__' }, 1);
    one.set({ hasOwnProperty: 'valueOf' }, 2);
    expect(r.metrics()).toBe(
      [
        '# HELP c_total h',
        '# TYPE c_total counter',
        'c_total{constructor="__proto__",toString="constructor"} 2',
        'c_total{constructor="toString",toString="__proto__"} 1',
        '# HELP g h',
        '# TYPE g gauge',
        'g{hasOwnProperty="__proto__"} 1',
        'g{hasOwnProperty="valueOf"} 2',
        '',
      ].join('\n'),
    );
  });

  it('converts number and boolean label values to strings, so 200 and "200" are one series', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['code', 'ok'] });
    c.inc({ code: 200, ok: true });
    c.inc({ code: '200', ok: 'true' });
    expect(r.snapshot()[0]!.series).toHaveLength(1);
    expect(c.labels({ code: 200, ok: true })).toBe(c.labels({ code: '200', ok: 'true' }));
  });

  it('escapes label values in the exposition', () => {
    const r = new Registry();
    r.gauge({ name: 'g', help: 'h', labelNames: ['path'] }).set({ path: 'C:\\dir\n"x"' }, 1);
    expect(r.metrics()).toBe('# HELP g h\n# TYPE g gauge\ng{path="C:\\\\dir\\n\\"x\\""} 1\n');
  });

  it('finds series again after the lookup trie is full (high cardinality)', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['id', 'kind'] });
    for (let round = 0; round < 2; round++) for (let i = 0; i < 1500; i++) c.inc({ id: i, kind: 'k' });
    const { series } = r.snapshot()[0]!;
    expect(series).toHaveLength(1500);
    expect(series.every((s) => s.value === 2)).toBe(true);
  });
});

describe('metric: hostile input', () => {
  it('creates no series for a refused update', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c', help: 'h', labelNames: ['a'] });
    const g = r.gauge({ name: 'g', help: 'h', labelNames: ['a'] });
    expect(() => c.inc({ a: 'x' }, -1)).toThrow(RangeError);
    expect(() => g.set({ a: 'x' }, '1' as never)).toThrow(TypeError);
    expect(r.metrics()).toBe('# HELP c_total h\n# TYPE c_total counter\n# HELP g h\n# TYPE g gauge\n');
  });

  it('throws a TypeError when an unlabeled metric is given labels', () => {
    const c = new Registry().counter({ name: 'c', help: 'h' });
    expect(() => c.inc({ a: 'x' } as never)).toThrow(new TypeError('counter "c_total": label "a" is not in labelNames []'));
  });

  it('ignores inherited properties, so a polluted Object.prototype changes nothing', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c', help: 'h', labelNames: ['a'] });
    const proto = Object.prototype as Record<string, unknown>;
    proto.a = 'polluted';
    proto.b = 'polluted';
    try {
      c.inc({ a: 'x' });
      expect(() => c.inc({} as never)).toThrow(new TypeError('counter "c_total": label "a" is missing'));
    } finally {
      delete proto.a;
      delete proto.b;
    }
    expect(r.metrics()).toBe('# HELP c_total h\n# TYPE c_total counter\nc_total{a="x"} 1\n');
  });

  it('reads each label value once, so a getter cannot send an update to another series', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c', help: 'h', labelNames: ['a'] });
    c.inc({ a: 'one' });
    let reads = 0;
    const shifty = {
      get a() {
        return reads++ === 0 ? 'two' : 'one';
      },
    };
    c.inc(shifty);
    expect(reads).toBe(1);
    expect(r.metrics()).toBe('# HELP c_total h\n# TYPE c_total counter\nc_total{a="one"} 1\nc_total{a="two"} 1\n');
  });

  it('keeps one series for label values that encode to the same UTF-8 bytes (lone surrogates become U+FFFD)', () => {
    const r = new Registry({ labels: { region: 'eu\uDC00' } });
    const c = r.counter({ name: 'c', help: 'h', labelNames: ['a'] });
    c.inc({ a: '\uD800' });
    c.inc({ a: '\uDC00' });
    c.inc({ a: '\uFFFD' });
    c.labels({ a: 'x\uD800' }).inc();
    c.inc({ a: 'x\uFFFD' });
    expect(r.metrics()).toBe('# HELP c_total h\n# TYPE c_total counter\nc_total{a="\uFFFD",region="eu\uFFFD"} 3\nc_total{a="x\uFFFD",region="eu\uFFFD"} 2\n');
  });
});
