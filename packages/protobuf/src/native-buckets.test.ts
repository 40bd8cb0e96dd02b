import { Registry } from '@promkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketIndex, bucketUpperBound, nativeBuckets, type NativeBucketsOptions } from './index';

/** The native snapshot of one series after `values`. */
function observed(options: NativeBucketsOptions, values: readonly number[]) {
  const native = nativeBuckets(options);
  const state = native.create();
  for (const value of values) native.observe(state, value);
  return native.snapshot(state);
}

describe('nativeBuckets', () => {
  it('counts observations in sparse exponential buckets of schema 3 by default, zero bucket at 2^-128', () => {
    // Schema 3: bucket i is (2^((i-1)/8), 2^(i/8)]; 1 → 0, 1.05 → 1, 2 → 8, 0.5 → -8.
    expect(observed({}, [1, 1.05, 2, 2, 0.5, 0, 2 ** -128, 2 ** -127])).toEqual({
      schema: 3,
      zeroThreshold: 2 ** -128,
      zeroCount: 2,
      positive: [[-127 * 8, 1], [-8, 1], [0, 1], [1, 1], [8, 2]],
    });
  });

  it('is what a histogram puts in its snapshot, with no classic buckets unless asked for', () => {
    const registry = new Registry();
    const latency = registry.histogram({ name: 'rpc_duration_seconds', help: 'RPC time.', native: nativeBuckets({ schema: 1 }) });
    latency.observe(3);
    const [series] = registry.snapshot()[0]!.series;
    expect(series).toMatchObject({ buckets: [{ le: Infinity, count: 1 }], sum: 3, count: 1, native: { schema: 1, zeroCount: 0, positive: [[4, 1]] } });
  });

  it('derives the schema from a bucket factor as client_golang does', () => {
    const schemaFor = (bucketFactor: number) => observed({ bucketFactor }, []).schema;
    // The highest resolution whose factor 2^(2^-schema) is at most the given one, within -4 … 8.
    expect([1.1, 1.05, 2, 1.0027, 4, 65536, 1e300].map(schemaFor)).toEqual([3, 4, 0, 8, -1, -4, -4]);
  });

  it('refuses bad options with an error naming the option and the rule', () => {
    expect(() => nativeBuckets({ schema: 9 })).toThrow(new RangeError('nativeBuckets: schema must be an integer from -4 to 8, got 9'));
    expect(() => nativeBuckets({ schema: 1.5 })).toThrow('schema must be an integer from -4 to 8, got 1.5');
    expect(() => nativeBuckets({ schema: 2, bucketFactor: 1.1 })).toThrow('nativeBuckets: schema must be left out when bucketFactor is given, got 2');
    expect(() => nativeBuckets({ bucketFactor: 1 })).toThrow('nativeBuckets: bucketFactor must be a number > 1, got 1');
    expect(() => nativeBuckets({ zeroThreshold: -1 })).toThrow('nativeBuckets: zeroThreshold must be a finite number >= 0, got -1');
    expect(() => nativeBuckets({ maxBuckets: -1 })).toThrow('nativeBuckets: maxBuckets must be an integer >= 0, got -1');
    expect(() => nativeBuckets({ zeroThreshold: 0.01, maxZeroThreshold: 0.001 })).toThrow(
      'nativeBuckets: maxZeroThreshold must be a finite number >= zeroThreshold (0.01), got 0.001',
    );
  });

  it('halves the resolution when a new bucket would pass maxBuckets, merging neighbours', () => {
    // Schema 2 indexes 1, 2, 3, 5 → schema 1 indexes 1, 1, 2, 3.
    const values = [2 ** 0.25, 2 ** 0.5, 2 ** 0.75, 2 ** 1.25];
    expect(observed({ schema: 2, maxBuckets: 3 }, values)).toEqual({ schema: 1, zeroThreshold: 2 ** -128, zeroCount: 0, positive: [[1, 2], [2, 1], [3, 1]] });
    expect(observed({ schema: 2, maxBuckets: 4 }, values).schema).toBe(2);
  });

  it('halves as often as needed, and stops at schema -4', () => {
    // 2^(i/16), i = 0 … 39: 40 buckets at schema 4, 21 at 3, 11 at 2, 6 at 1.
    const values = Array.from({ length: 40 }, (_, i) => 2 ** (i / 16));
    expect(observed({ schema: 8, maxBuckets: 10 }, values)).toMatchObject({ schema: 1 });
    expect(observed({ schema: 8, maxBuckets: 1 }, values)).toMatchObject({ schema: -4, positive: [[0, 1], [1, 39]] });
  });

  it('widens the zero bucket to the upper bound of the lowest bucket first, up to maxZeroThreshold', () => {
    const options = { schema: 0, maxBuckets: 2, maxZeroThreshold: 0.2 };
    // Schema 0: 0.1 → bucket -3 (0.0625, 0.125]; 0.2 → -2; 3 → 2.
    expect(observed(options, [0.1, 0.2, 3])).toEqual({ schema: 0, zeroThreshold: 0.125, zeroCount: 1, positive: [[-2, 1], [2, 1]] });
    // Now 0.125 goes to the zero bucket; with 8 (bucket 3) the next widening would pass 0.2, so
    // the resolution halves, twice: buckets -2, 2, 3 → -1, 1, 2 at schema -1 → 0, 1, 1 at -2.
    expect(observed(options, [0.1, 0.2, 3, 0.125, 8])).toEqual({ schema: -2, zeroThreshold: 0.125, zeroCount: 2, positive: [[0, 1], [1, 2]] });
  });

  it('keeps every observation counted and in the bucket of its value at the final schema, whatever the limits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 1e12, noNaN: true })), { maxLength: 300 }),
        fc.integer({ min: -4, max: 8 }),
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom(2 ** -128, 1e-6, 1e-3),
        (values, schema, maxBuckets, maxZeroThreshold) => {
          const snapshot = observed({ schema, maxBuckets, maxZeroThreshold }, values);
          const counted = snapshot.zeroCount + snapshot.positive.reduce((sum, [, count]) => sum + count, 0);
          expect(counted).toBe(values.length);
          if (maxBuckets && snapshot.schema > -4) expect(snapshot.positive.length).toBeLessThanOrEqual(maxBuckets);
          const indexes = new Set(snapshot.positive.map(([index]) => index));
          for (const value of values) {
            if (value <= snapshot.zeroThreshold) continue;
            expect(indexes.has(bucketIndex(value, snapshot.schema))).toBe(true);
          }
          expect(snapshot.zeroThreshold).toBeLessThanOrEqual(maxZeroThreshold);
          expect(snapshot.positive.every(([index], i) => i === 0 || index > snapshot.positive[i - 1]![0])).toBe(true);
          if (snapshot.positive.length) expect(bucketUpperBound(snapshot.positive[0]![0] - 1, snapshot.schema)).toBeGreaterThanOrEqual(0);
        },
      ),
      { seed: 17, numRuns: 500 },
    );
  });
});

describe('a native-only histogram in the text formats', () => {
  it('shows only the +Inf bucket, _sum and _count', () => {
    const registry = new Registry();
    registry.histogram({ name: 'rpc_duration_seconds', help: 'RPC time.', native: nativeBuckets() }).observe(0.042);
    expect(registry.metrics()).toBe(
      '# HELP rpc_duration_seconds RPC time.\n# TYPE rpc_duration_seconds histogram\nrpc_duration_seconds_bucket{le="+Inf"} 1\nrpc_duration_seconds_sum 0.042\nrpc_duration_seconds_count 1\n',
    );
  });
});
