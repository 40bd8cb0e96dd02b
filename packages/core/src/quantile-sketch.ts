/**
 * The relative error of every quantile a summary reports: the value shown for quantile `q` is
 * within 1 % of the observation of rank ⌊q·(n−1)⌋ (0-based, in increasing order) among the
 * `n` observations of the window, whatever the data, as long as that observation is among
 * the top 1,024 buckets (a ratio of e^20 below the largest; lower ones fold, see the README).
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
    if (value === 0) this.zeros++;
    else this.insert(Math.ceil(Math.log(value) / LOG_GAMMA), 1);
  }

  /** Adds `count` to bucket `i`, folding the lowest buckets past {@link MAX_SKETCH_BUCKETS}. */
  insert(i: number, count: number): void {
    const { counts } = this;
    // A literal, not a push: push gives an empty array room for 17 (~100 B more per series).
    if (!counts.length) return void ((this.low = i), (this.counts = [count]));
    const floor = Math.max(i, this.low + counts.length - 1) - MAX_SKETCH_BUCKETS + 1;
    if (i < floor) i = floor;
    for (; i < this.low; this.low--) counts.unshift(0);
    while (counts.length <= i - this.low) counts.push(0);
    for (; this.low < floor; this.low++) {
      const lowest = counts.shift() as number;
      (counts[0] as number) += lowest;
    }
    (counts[i - this.low] as number) += count;
  }
}

/**
 * Each of `quantiles` (increasing, in [0, 1]) with its value over the observations of
 * `sketches`: NaN when they hold none.
 */
export function quantileValues(sketches: QuantileSketch[], quantiles: readonly number[]): { quantile: number; value: number }[] {
  const merged = new QuantileSketch(0);
  // Lowest first, so merging only ever appends buckets.
  for (const sketch of sketches.sort((a, b) => a.low - b.low)) {
    merged.zeros += sketch.zeros;
    sketch.counts.forEach((count, j) => count && merged.insert(sketch.low + j, count));
  }
  const { zeros, low, counts } = merged;
  const n = counts.reduce((a, b) => a + b, zeros);
  let seen = zeros;
  let j = -1;
  // rank <= n - 1 < n, so the walk stops inside counts.
  return quantiles.map((quantile) => {
    const rank = quantile * (n - 1);
    while (seen <= rank) seen += counts[++j] as number;
    return { quantile, value: !n ? NaN : j < 0 ? 0 : (2 * GAMMA ** (low + j)) / (GAMMA + 1) };
  });
}
