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
    expect(c.series.size).toBe(5);
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
        const c = new Registry().counter({ name: 'c_total', help: 'h', labelNames: ['a', 'b', 'c'], maxSeries: 1e6 });
        for (const [a, b, v] of sets) c.inc({ a, b, c: v });
        const distinct = new Set(sets.map((set) => JSON.stringify(set)));
        expect(c.series.size).toBe(distinct.size);
        for (const [a, b, v] of sets) {
          const times = sets.filter((s) => s[0] === a && s[1] === b && s[2] === v).length;
          expect(c.labels({ a, b, c: v })).toBe(c.labels({ c: v, b, a }));
          expect((c.labels({ a, b, c: v }) as unknown as { value: number }).value).toBe(times);
        }
      }),
    );
  });

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
    const c = new Registry().counter({ name: 'c_total', help: 'h', labelNames: ['code', 'ok'] });
    c.inc({ code: 200, ok: true });
    c.inc({ code: '200', ok: 'true' });
    expect(c.series.size).toBe(1);
    expect(c.labels({ code: 200, ok: true })).toBe(c.labels({ code: '200', ok: 'true' }));
  });

  it('escapes label values in the exposition', () => {
    const r = new Registry();
    r.gauge({ name: 'g', help: 'h', labelNames: ['path'] }).set({ path: 'C:\\dir\n"x"' }, 1);
    expect(r.metrics()).toBe('# HELP g h\n# TYPE g gauge\ng{path="C:\\\\dir\\n\\"x\\""} 1\n');
  });

  it('finds series again after the lookup trie is full (high cardinality)', () => {
    const c = new Registry().counter({ name: 'c_total', help: 'h', labelNames: ['id', 'kind'] });
    for (let round = 0; round < 2; round++) for (let i = 0; i < 1500; i++) c.inc({ id: i, kind: 'k' });
    expect(c.series.size).toBe(1500);
    expect([...c.series.values()].every((s) => (s as unknown as { value: number }).value === 2)).toBe(true);
  });
});
