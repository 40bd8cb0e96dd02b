import { formatBound } from './buckets';
import { formatValue, sumAndCount } from './exposition';
// The same rule as a histogram's: OpenMetrics 1.0 makes a summary's Sum and Count counters
// (never negative, never NaN), so observations are finite and >= 0.
import { checkObservation } from './histogram-series';
import { Metric } from './metric';
import { QuantileSketch, quantileValues } from './quantile-sketch';
import { Series } from './series';
import type { SeriesValues } from './snapshot';
import { startTimer } from './timer';
import type { Labels, MetricConfig, ValueArgs } from './types';
import { fail } from './validate';

/** Configuration of a {@link Summary}. */
export interface SummaryConfig<N extends string> extends MetricConfig<N> {
  /**
   * Quantiles to report (`quantile="0.99"`), increasing, in [0, 1], each within
   * {@link QUANTILE_RELATIVE_ERROR} (1 %) of the exact value over the window. Default: none
   * (only `_sum` and `_count`).
   */
  readonly quantiles?: readonly number[];
  /** Length of the sliding window the quantiles are computed over, in seconds. Default: 600. */
  readonly maxAgeSeconds?: number;
  /** Slices of the window: the oldest is dropped every `maxAgeSeconds / ageBuckets` seconds. Default: 5. */
  readonly ageBuckets?: number;
  /** Called before each exposition; may be async (then use `await registry.scrape()` or `gather()`). */
  readonly collect?: (summary: Summary<N>) => void | Promise<void>;
}

/**
 * A summary bound to one label set, from `summary.labels(...)`.
 *
 * @example
 * const getUser = latency.labels({ route: '/users/:id' });
 * getUser.observe(0.042);
 */
export interface SummaryChild {
  /** Records one observation. */
  observe(value: number): void;
  /** Starts a timer; calling the result observes the elapsed seconds and returns them. */
  startTimer(): () => number;
}

class SummarySeries extends Series implements SummaryChild {
  /** @internal */ sum = 0;
  /** @internal */ count = 0;
  // The window of a summary with quantiles: one sketch per time slice, in slot
  // `slice % ageBuckets`; stays empty without quantiles.
  // Sized up front: filling slot 0 of an empty array makes room for 17 (~150 B more per series).
  /** @internal */ readonly window: QuantileSketch[] = new Array((this.metric as Summary<string>).quantiles.length && (this.metric as Summary<string>).ageBuckets);

  observe(value: number): void {
    checkObservation(this.metric, value);
    if (!this.live) return this.current()?.observe(value);
    this.sum += value;
    this.count++;
    const metric = this.metric as Summary<string>;
    if (!metric.quantiles.length) return;
    const slice = metric.slice();
    const { ageBuckets } = metric;
    let sketch = this.window[slice % ageBuckets];
    if (sketch?.slice !== slice) this.window[slice % ageBuckets] = sketch = new QuantileSketch(slice);
    sketch.add(value);
  }

  startTimer(): () => number {
    return startTimer({}, (_, seconds) => this.observe(seconds));
  }
}

/**
 * Counts observations (`_count`) and adds them up (`_sum`), and optionally reports quantiles
 * (`quantile="0.5"`) over a sliding time window. Quantiles cannot be aggregated across series
 * or instances: use a histogram when you need that.
 *
 * @example
 * const latency = registry.summary({
 *   name: 'rpc_duration_seconds',
 *   help: 'RPC latency.',
 *   labelNames: ['method'],
 *   quantiles: [0.5, 0.9, 0.99],
 * });
 * latency.observe({ method: 'get' }, 0.042);
 */
export class Summary<N extends string = never> extends Metric<N, SummarySeries, SummaryChild> {
  declare readonly type: 'summary';
  /** Quantiles reported, increasing. */
  readonly quantiles: readonly number[];
  /** Window length in seconds. */
  readonly maxAgeSeconds: number;
  /** Slices of the window. */
  readonly ageBuckets: number;

  constructor(config: SummaryConfig<N>, maxSeries: number) {
    const { quantiles = [], maxAgeSeconds = 600, ageBuckets = 5 } = config;
    super('summary', SummarySeries, config, maxSeries, ['quantile']);
    if (!Array.isArray(quantiles) || quantiles.some((q, i) => !(typeof q === 'number' && q >= 0 && q <= 1) || (i > 0 && q <= quantiles[i - 1]))) {
      throw fail(TypeError, this.id, `quantiles must be increasing numbers in [0, 1], got [${String(quantiles)}]`);
    }
    if (!(maxAgeSeconds > 0 && maxAgeSeconds < Infinity && Number.isInteger(ageBuckets) && ageBuckets > 0)) {
      throw fail(RangeError, this.id, `maxAgeSeconds must be finite and > 0 and ageBuckets an integer > 0, got ${maxAgeSeconds} and ${ageBuckets}`);
    }
    this.quantiles = [...quantiles];
    this.maxAgeSeconds = maxAgeSeconds;
    this.ageBuckets = ageBuckets;
    this.start();
  }

  /**
   * Records one observation (finite, `>= 0`) in the series of `labels`.
   *
   * @example
   * latency.observe({ method: 'get' }, 0.042);
   */
  observe(...args: ValueArgs<N>): void;
  observe(labels: object | number, value?: number): void {
    const number = (typeof labels === 'object' ? value : labels) as number;
    checkObservation(this, number);
    this.at(labels as Labels<N>).observe(number);
  }

  /**
   * Starts a timer; `end(moreLabels?)` observes the elapsed seconds and returns them.
   *
   * @example
   * const end = latency.startTimer({ method: 'get' });
   * const seconds = end();
   */
  startTimer(labels?: Partial<Labels<N>>): (moreLabels?: Partial<Labels<N>>) => number {
    return startTimer(labels, (all, seconds) => this.at(all as Labels<N>).observe(seconds));
  }

  /** @internal The current slice of the window: ms since the epoch / slice length. */
  slice(): number {
    return Math.floor((Date.now() * this.ageBuckets) / (this.maxAgeSeconds * 1000));
  }

  /** @internal */
  override values(series: SummarySeries): SeriesValues {
    const oldest = this.slice() - this.ageBuckets;
    const quantiles = quantileValues(series.window.filter((sketch) => sketch.slice > oldest), this.quantiles);
    return { quantiles, sum: series.sum, count: series.count };
  }

  /** @internal */
  override samples(series: SummarySeries, labels: string, created: boolean): string {
    let out = '';
    for (const { quantile, value } of this.values(series).quantiles ?? []) out += `${this.name}{${labels}${labels ? ',' : ''}quantile="${formatBound(quantile)}"} ${formatValue(value)}\n`;
    return out + sumAndCount(this.name, labels, series.sum, series.count, created, series.created);
  }
}
