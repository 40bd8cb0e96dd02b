/**
 * Prometheus's default histogram buckets, in seconds: suited to request latencies.
 *
 * @example
 * registry.histogram({ name: 'job_duration_seconds', help: 'Job duration.', buckets: DEFAULT_BUCKETS });
 */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// Round to 15 significant digits so that 0.1 + 2 * 0.1 gives the bound 0.3, not 0.30000000000000004.
function buckets(what: string, count: number, bound: (i: number) => number, ok: boolean, rule: string): number[] {
  if (!(Number.isInteger(count) && count > 0 && ok)) throw new RangeError(`${what}: ${rule} and count a positive integer`);
  return Array.from({ length: count }, (_, i) => Number(bound(i).toPrecision(15)));
}

/**
 * `count` buckets starting at `start`, each `width` wider than the last.
 *
 * @example
 * linearBuckets(0.1, 0.1, 5); // [0.1, 0.2, 0.3, 0.4, 0.5]
 */
export const linearBuckets = (start: number, width: number, count: number): number[] =>
  buckets('linearBuckets', count, (i) => start + i * width, width > 0, `width must be > 0 (got ${width})`);

/**
 * `count` buckets starting at `start`, each `factor` times the last.
 *
 * @example
 * exponentialBuckets(0.001, 10, 4); // [0.001, 0.01, 0.1, 1]
 */
export const exponentialBuckets = (start: number, factor: number, count: number): number[] =>
  buckets('exponentialBuckets', count, (i) => start * factor ** i, start > 0 && factor > 1, `start must be > 0 and factor > 1 (got ${start}, ${factor})`);

/**
 * Spells a finite bucket bound as Go's shortest `%g` with `.0` added to whole numbers: the
 * canonical OpenMetrics `le`, which Prometheus 3 also normalises to. It is used in both formats,
 * so a server switching format never splits a series in Prometheus 2.
 *
 * @example
 * formatBound(1); // '1.0'
 * formatBound(1e6); // '1e+06'
 */
export function formatBound(bound: number): string {
  const [mantissa, exponent = ''] = bound.toExponential().split('e');
  // Go's %g switches to exponent form below 1e-4 and from 1e6 up (for shortest output), with at least two exponent digits.
  if (+exponent < -4 || +exponent > 5) return `${mantissa}e${exponent[0]}${exponent.slice(1).padStart(2, '0')}`;
  const decimal = String(bound);
  return decimal.includes('.') ? decimal : `${decimal}.0`;
}
