/**
 * Prometheus's default histogram buckets, in seconds: suited to request latencies.
 *
 * @example
 * registry.histogram({ name: 'job_duration_seconds', help: 'Job duration.', buckets: DEFAULT_BUCKETS });
 */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// Round to 15 significant digits so that 0.1 + 2 * 0.1 gives the bound 0.3, not 0.30000000000000004.
const tidy = (value: number): number => Number(value.toPrecision(15));

const checkCount = (what: string, count: number): void => {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`${what}: count must be a positive integer, got ${count}`);
};

/**
 * `count` buckets starting at `start`, each `width` wider than the last.
 *
 * @example
 * linearBuckets(0.1, 0.1, 5); // [0.1, 0.2, 0.3, 0.4, 0.5]
 */
export function linearBuckets(start: number, width: number, count: number): number[] {
  checkCount('linearBuckets', count);
  if (!(width > 0)) throw new RangeError(`linearBuckets: width must be > 0, got ${width}`);
  return Array.from({ length: count }, (_, i) => tidy(start + i * width));
}

/**
 * `count` buckets starting at `start`, each `factor` times the last.
 *
 * @example
 * exponentialBuckets(0.001, 10, 4); // [0.001, 0.01, 0.1, 1]
 */
export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  checkCount('exponentialBuckets', count);
  if (!(start > 0 && factor > 1)) {
    throw new RangeError(`exponentialBuckets: start must be > 0 and factor > 1, got start ${start}, factor ${factor}`);
  }
  return Array.from({ length: count }, (_, i) => tidy(start * factor ** i));
}

/**
 * Spells a bucket bound as Go's shortest `%g` with `.0` added to whole numbers, the canonical
 * `le` of OpenMetrics (and what Prometheus 3 normalises to): one spelling in both formats, so a
 * server switching format never splits a series in Prometheus 2.
 *
 * @example
 * formatBound(1); // '1.0'
 * formatBound(1e6); // '1e+06'
 */
export function formatBound(bound: number): string {
  if (bound === Infinity) return '+Inf';
  const [mantissa, exponentText] = bound.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const decimal = String(bound);
  return decimal.includes('.') ? decimal : `${decimal}.0`;
}
