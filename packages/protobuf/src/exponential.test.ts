import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketIndex, bucketUpperBound } from './index';

const SCHEMAS = [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8];
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const step = (x: number, ulps: number): number => ((f64[0] = x), (u64[0] = u64[0]! + BigInt(ulps)), f64[0]!);

// A positive finite double as an exact fraction m / 2^k.
function fraction(x: number): [bigint, number] {
  f64[0] = x;
  const biased = Number(u64[0]! >> 52n);
  const mantissa = u64[0]! & 0xfffffffffffffn;
  return biased ? [mantissa | (1n << 52n), 1075 - biased] : [mantissa, 1074];
}

// Whether ((a + b) / 2)^n < 2^t exactly, for doubles 0 < a < b of the same binade.
function midpointBelow(a: number, b: number, n: number, t: number): boolean {
  const [ma, k] = fraction(a);
  const [mb] = fraction(b);
  // ((ma + mb) / 2^(k+1))^n < 2^t  <=>  (ma + mb)^n < 2^(t + n(k+1))
  return (ma + mb) ** BigInt(n) < 1n << BigInt(t + n * (k + 1));
}

describe('bucketIndex', () => {
  it('puts every power of two exactly at the upper bound of its bucket, subnormals included', () => {
    for (const schema of SCHEMAS) {
      for (let k = -1074; k <= 1023; k++) {
        const expected = Math.ceil(k * 2 ** schema) + 0;
        expect(bucketIndex(2 ** k, schema)).toBe(expected);
        // The next double up starts the next bucket when 2^k is a bucket bound (always for schema >= 0;
        // among subnormals the next double may skip buckets).
        if (k > -1000) expect(bucketIndex(step(2 ** k, 1), schema)).toBe(Number.isInteger(k * 2 ** schema) ? expected + 1 : expected);
      }
    }
  });

  it('uses bounds that are the doubles nearest to 2^(j/2^schema)', () => {
    for (let schema = 1; schema <= 8; schema++) {
      const n = 2 ** schema;
      for (let j = 1; j < n; j++) {
        const bound = bucketUpperBound(j, schema);
        expect(bound).toBeGreaterThan(1);
        expect(midpointBelow(step(bound, -1), bound, n, j), `schema ${schema} bound ${j} (${bound}) is too high`).toBe(true);
        expect(midpointBelow(bound, step(bound, 1), n, j), `schema ${schema} bound ${j} (${bound}) is too low`).toBe(false);
      }
    }
  });

  it('puts a value equal to a bound in that bucket and the next double up in the next, at every scale', () => {
    for (let schema = 1; schema <= 8; schema++) {
      const n = 2 ** schema;
      for (let j = 0; j < n; j++) {
        for (const k of [-1000, -20, -1, 0, 1, 30, 1000]) {
          const bound = bucketUpperBound(j + k * n, schema);
          expect(bound).toBe(bucketUpperBound(j, schema) * 2 ** k);
          expect(bucketIndex(bound, schema)).toBe(j + k * n);
          expect(bucketIndex(step(bound, 1), schema)).toBe(j + k * n + 1);
        }
      }
    }
  });

  // Down to 2^-1000: the bounds of buckets among subnormals are not themselves doubles.
  it('places any positive double between the bounds of its bucket', () => {
    fc.assert(
      fc.property(fc.double({ min: 2 ** -1000, max: Number.MAX_VALUE, noNaN: true }), fc.constantFrom(...SCHEMAS), (value, schema) => {
        const index = bucketIndex(value, schema);
        expect(value).toBeLessThanOrEqual(bucketUpperBound(index, schema));
        expect(value).toBeGreaterThan(bucketUpperBound(index - 1, schema));
      }),
      { seed: 17, numRuns: 5000 },
    );
  });

  it('handles the extremes of the double range', () => {
    expect(bucketIndex(Number.MIN_VALUE, 3)).toBe(-1074 * 8);
    expect(bucketIndex(Number.MAX_VALUE, 8)).toBe(1024 * 256);
    expect(bucketIndex(Number.MAX_VALUE, -4)).toBe(64);
  });
});
