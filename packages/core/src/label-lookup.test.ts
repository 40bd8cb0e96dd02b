import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelLookup } from './label-lookup';

interface TestSeries {
  readonly live: boolean;
  readonly values: readonly string[];
}

const NAMES = ['a', 'b', 'c'];

// A store as metric.ts keeps one: one series per label set, values compared as strings.
function lookup(limit?: number) {
  const store = new Map<string, TestSeries>();
  let resolved = 0;
  const labels = new LabelLookup<TestSeries>(
    'counter "c_total"',
    NAMES,
    (values) => {
      resolved++;
      const strings = values.map(String);
      const key = JSON.stringify(strings);
      const series = store.get(key) ?? { live: true, values: strings };
      store.set(key, series);
      return series;
    },
    limit,
  );
  return { labels, store, resolved: () => resolved };
}

const value = fc.oneof(fc.constantFrom('', 'x', 'y', '200', 'a"b', '\n', '__proto__'), fc.integer({ min: -2, max: 2 }), fc.boolean());
const labelSet = fc.tuple(value, value, value, fc.constantFrom([0, 1, 2], [2, 1, 0], [1, 0, 2], [0, 2, 1]));
const build = ([a, b, c, order]: readonly [unknown, unknown, unknown, readonly number[]]): Record<string, unknown> => {
  const values = [a, b, c];
  return Object.fromEntries(order.map((i) => [NAMES[i] as string, values[i]]));
};

describe('LabelLookup', () => {
  it('finds the series of exactly the label set asked for, whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.array(labelSet, { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (sets, limit) => {
        const { labels, store } = lookup(limit);
        for (const set of [...sets, ...sets]) {
          const series = labels.find(build(set));
          expect(series.values).toEqual(set.slice(0, 3).map(String));
        }
        expect(store.size).toBe(new Set(sets.map((set) => JSON.stringify(set.slice(0, 3).map(String)))).size);
      }),
      { seed: 18, numRuns: 200 },
    );
  });

  it('reads each label value once per call, through a getter or a Proxy, cached or not', () => {
    const { labels } = lookup();
    const reads: string[] = [];
    const proxy = new Proxy({ a: 'x', b: 'y', c: 'z' }, { get: (target, key: string) => (reads.push(key), target[key as 'a']) });
    let flips = 0;
    const getter = { a: 'x', b: 'y', get c() { return flips++ % 2 ? 'z' : 'w'; } };
    for (let i = 0; i < 3; i++) {
      expect(labels.find(proxy).values).toEqual(['x', 'y', 'z']);
      expect(labels.find(getter).values).toEqual(['x', 'y', i % 2 ? 'z' : 'w']);
    }
    expect(reads).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
    expect(flips).toBe(3);
  });

  it('ignores inherited enumerable properties, before and after the label set is cached', () => {
    const { labels } = lookup();
    const proto = { z: 'inherited', c: 'from the prototype' };
    const full = Object.assign(Object.create(proto), { a: 'x', b: 'y', c: 'z' });
    for (let i = 0; i < 2; i++) {
      expect(labels.find(full).values).toEqual(['x', 'y', 'z']);
      expect(labels.find({ a: 'x', b: 'y', c: 'z' })).toBe(labels.find(full));
      for (const inherited of [proto, { c: 'z' }]) {
        expect(() => labels.find(Object.assign(Object.create(inherited), { a: 'x', b: 'y' }))).toThrow(
          new TypeError('counter "c_total": label "c" is missing'),
        );
      }
    }
  });

  it('rejects unknown and missing labels on every call, cached or not', () => {
    const { labels } = lookup();
    labels.find({ a: 'x', b: 'y', c: 'z' });
    for (let i = 0; i < 2; i++) {
      expect(() => labels.find({ a: 'x', b: 'y', c: 'z', d: 'w' })).toThrow(new TypeError('counter "c_total": label "d" is not in labelNames [a, b, c]'));
      expect(() => labels.find({ a: 'x', b: 'y' })).toThrow(new TypeError('counter "c_total": label "c" is missing'));
      expect(() => labels.find(undefined)).toThrow(new TypeError('counter "c_total": labels {a, b, c} are required'));
    }
  });

  it('rejects any unknown or missing label for random label objects (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'constructor');
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, fc.constantFrom('x', 'y')), { maxLength: 30 }), (objects) => {
        const { labels } = lookup();
        for (const object of objects) {
          const keys = Object.keys(object);
          const valid = keys.length === 3 && NAMES.every((name) => keys.includes(name));
          if (valid) expect(labels.find(object).values).toEqual(NAMES.map((name) => object[name]));
          else expect(() => labels.find(object)).toThrow(TypeError);
        }
      }),
      { seed: 18, numRuns: 200 },
    );
  });

  it('recovers the labels a miss shares with cached label sets, through small and large levels', () => {
    const { labels, resolved } = lookup();
    // 20 values of "a" move its level into a Map; 3 values of "b" keep theirs an array.
    for (let i = 0; i < 20; i++) for (const b of ['x', 'y', 'z']) labels.find({ a: i, b, c: 'hit' });
    expect(resolved()).toBe(60);
    for (let i = 0; i < 20; i++) {
      expect(labels.find({ a: i, b: 'y', c: 'miss' }).values).toEqual([String(i), 'y', 'miss']);
      expect(labels.find({ a: i, b: 'new', c: 'hit' }).values).toEqual([String(i), 'new', 'hit']);
      expect(labels.find({ a: i, b: 'z', c: 'hit' }).values).toEqual([String(i), 'z', 'hit']);
    }
    expect(resolved()).toBe(100);
    expect(() => labels.find({ a: 3, b: 'x', c: 'hit', d: 1 })).toThrow(new TypeError('counter "c_total": label "d" is not in labelNames [a, b, c]'));
    expect(() => labels.find({ a: 3, b: 'x' })).toThrow(new TypeError('counter "c_total": label "c" is missing'));
  });

  it('asks the store again after clear(), and once per call for what it cannot cache', () => {
    const { labels, resolved } = lookup(1);
    labels.find({ a: 'x', b: 'y', c: 'z' });
    labels.find({ a: 'x', b: 'y', c: 'z' });
    expect(resolved()).toBe(1);
    labels.find({ a: 'x', b: 'y', c: 'w' });
    labels.find({ a: 'x', b: 'y', c: 'w' });
    expect(resolved()).toBe(3);
    labels.find({ a: 'x', b: 'y', c: Number.NaN });
    labels.find({ a: 'x', b: 'y', c: Number.NaN });
    expect(resolved()).toBe(5);
    labels.clear();
    labels.find({ a: 'x', b: 'y', c: 'z' });
    expect(resolved()).toBe(6);
  });
});
