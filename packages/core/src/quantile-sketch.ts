/**
 * The relative error of every quantile a summary reports: the value shown for quantile `q` is
 * within 1 % of the observation of rank ⌊q·(n−1)⌋ (0-based, in increasing order) among the
 * `n` observations of the window.
 *
 * @example
 * // A true p99 of 0.250 s is reported between 0.2475 and 0.2525.
 * const bound = QUANTILE_RELATIVE_ERROR; // 0.01
 */
export const QUANTILE_RELATIVE_ERROR = 0.01;

// Bucket i holds (γ^(i-1), γ^i]; reporting 2γ^i/(γ+1) is within α of anything in it when
// γ = (1+α)/(1−α) (Masson, Rim, Lee: "DDSketch", VLDB 2019).
const GAMMA = (1 + QUANTILE_RELATIVE_ERROR) / (1 - QUANTILE_RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);

/**
 * Most buckets one sketch keeps: at 1 % they span values over a ratio of e^20 (8·10^8, e.g.
 * 1 µs to 13 min). Past it the lowest buckets fold into one, as DDSketch's collapsing store
 * does: quantiles above the folded range keep the bound, those inside it report its top.
 */
export const MAX_SKETCH_BUCKETS = 1024;

/** The observations of one time slice of a summary's window, in log-spaced buckets. */
export class QuantileSketch {
  /** The time slice it holds (ms since the epoch / slice length). */
  readonly slice: number;
  /** Observations equal to 0. */
  zeros = 0;
  /** Index of the bucket counts[0] holds. */
  low = 0;
  /** Dense counts from `low` up: plain small integers, 4 B each. */
  counts: number[] = [];

  constructor(slice: number) {
    this.slice = slice;
  }

  /** Records an observation, finite and >= 0. */
  add(value: number): void {
    if (value === 0) return void this.zeros++;
    const { counts } = this;
    let i = Math.ceil(Math.log(value) / LOG_GAMMA);
    if (!counts.length) this.low = i;
    const floor = Math.max(i, this.low + counts.length - 1) - MAX_SKETCH_BUCKETS + 1;
    if (i < floor) i = floor;
    for (; i < this.low; this.low--) counts.unshift(0);
    while (counts.length <= i - this.low) counts.push(0);
    for (; this.low < floor; this.low++) {
      const lowest = counts.shift() as number;
      (counts[0] as number) += lowest;
    }
    (counts[i - this.low] as number)++;
  }
}

/**
 * The values of `quantiles` (increasing, in [0, 1]) over the observations of `sketches`;
 * NaN for each when they hold none.
 */
export function quantileValues(sketches: readonly QuantileSketch[], quantiles: readonly number[]): number[] {
  let zeros = 0;
  let low = Infinity;
  for (const s of sketches) {
    zeros += s.zeros;
    if (s.counts.length && s.low < low) low = s.low;
  }
  const merged: number[] = [];
  for (const s of sketches) s.counts.forEach((n, j) => (merged[s.low - low + j] = (merged[s.low - low + j] ?? 0) + n));
  const n = merged.reduce((a, b) => a + (b ?? 0), zeros);
  let seen = zeros;
  let j = -1;
  return quantiles.map((q) => {
    const rank = q * (n - 1);
    while (seen <= rank && j < merged.length - 1) seen += merged[++j] ?? 0;
    return !n ? NaN : j < 0 ? 0 : (2 * GAMMA ** (low + j)) / (GAMMA + 1);
  });
}
