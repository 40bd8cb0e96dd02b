import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUCKETS, exponentialBuckets, formatBound, linearBuckets } from './buckets';

describe('buckets', () => {
  it('are the Prometheus defaults', () => {
    expect(DEFAULT_BUCKETS).toEqual([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
  });

  it('build linear and exponential series without floating-point noise', () => {
    expect(linearBuckets(0.1, 0.1, 5)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(exponentialBuckets(0.001, 10, 4)).toEqual([0.001, 0.01, 0.1, 1]);
    expect(exponentialBuckets(1, 2, 3)).toEqual([1, 2, 4]);
  });

  it.each([
    [() => linearBuckets(0, 0, 3), 'linearBuckets: width must be > 0 (got 0) and count a positive integer'],
    [() => linearBuckets(0, 1, 0), 'linearBuckets: width must be > 0 (got 1) and count a positive integer'],
    [() => exponentialBuckets(0, 2, 3), 'exponentialBuckets: start must be > 0 and factor > 1 (got 0, 2) and count a positive integer'],
    [() => exponentialBuckets(1, 1, 3), 'exponentialBuckets: start must be > 0 and factor > 1 (got 1, 1) and count a positive integer'],
    [() => exponentialBuckets(1, 2, 1.5), 'exponentialBuckets: start must be > 0 and factor > 1 (got 1, 2) and count a positive integer'],
  ])('reject bad parameters with a RangeError (%#)', (make, message) => {
    expect(make).toThrow(new RangeError(message));
  });

  it.each([
    [0, '0.0'],
    [1, '1.0'],
    [10, '10.0'],
    [0.5, '0.5'],
    [0.001, '0.001'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [100000, '100000.0'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [-2.5, '-2.5'],
    [1e21, '1e+21'],
    [1.5e-300, '1.5e-300'],
  ])('spell the bound %s as Go %%g with .0, like OpenMetrics canonical le: %s', (bound, spelled) => {
    expect(formatBound(bound)).toBe(spelled);
  });

  it('spell every finite bound so that it reads back to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (bound) => {
        expect(Number(formatBound(bound))).toBe(bound === 0 ? 0 : bound);
      }),
    );
  });
});
