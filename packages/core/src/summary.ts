import { formatBound } from './buckets';
import { braces, createdSample, formatValue } from './exposition';
import { Metric } from './metric';
import { QuantileSketch, quantileValues } from './quantile-sketch';
import { Series } from './series';
import type { SeriesValues } from './snapshot';
import { startTimer } from './timer';
import type { Labels, MetricConfig, ValueArgs } from './types';
import { checkObservation, fail } from './validate';

/** Configuration of a {@link Summary}. */
export interface SummaryConfig<N extends string> extends MetricConfig<N> {
  /**
   * Quantiles to report (`quantile="0.99"`), increasing, in [0, 1], each within
   * {@link QUANTILE_RELATIVE_ERROR} of the true value. Default: none (only `_sum` and `_count`).
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
  /** @internal */ readonly window: QuantileSketch[] = [];

  observe(value: number): void {
    checkObservation(this.metric, value);
    if (!this.live) return this.current()?.observe(value);
    this.sum += value;
    this.count++;
    const { quantiles, sliceMs, ageBuckets } = this.metric as Summary<string>;
    if (!quantiles.length) return;
    const slice = Math.floor(Date.now() / sliceMs);
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
  /** @internal Length of one slice in ms. */
  readonly sliceMs: number;

  constructor(config: SummaryConfig<N>, maxSeries: number) {
    const { quantiles = [], maxAgeSeconds = 600, ageBuckets = 5 } = config;
    super('summary', SummarySeries, config, maxSeries, ['quantile']);
    if (!Array.isArray(quantiles) || quantiles.some((q, i) => !(typeof q === 'number' && q >= 0 && q <= 1) || (i > 0 && q <= quantiles[i - 1]))) {
      throw fail(TypeError, this.id, `quantiles must be numbers in [0, 1] in increasing order, got [${String(quantiles)}]`);
    }
    if (!(maxAgeSeconds > 0 && maxAgeSeconds < Infinity && Number.isInteger(ageBuckets) && ageBuckets > 0)) {
      throw fail(RangeError, this.id, `maxAgeSeconds must be finite and > 0, ageBuckets an integer > 0, got ${maxAgeSeconds}, ${ageBuckets}`);
    }
    this.quantiles = [...quantiles];
    this.maxAgeSeconds = maxAgeSeconds;
    this.ageBuckets = ageBuckets;
    this.sliceMs = (maxAgeSeconds * 1000) / ageBuckets;
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

  // The quantile values of a series over the live slices of its window.
  #quantiles(series: SummarySeries): number[] {
    const oldest = Math.floor(Date.now() / this.sliceMs) - this.ageBuckets;
    return quantileValues(series.window.filter((sketch) => sketch.slice > oldest), this.quantiles);
  }

  /** @internal */
  override values(series: SummarySeries): SeriesValues {
    const values = this.#quantiles(series);
    const quantiles = this.quantiles.map((quantile, i) => ({ quantile, value: values[i] as number }));
    return { quantiles, sum: series.sum, count: series.count };
  }

  /** @internal */
  override samples(series: SummarySeries, labels: string, created: boolean): string {
    const rest = braces(labels);
    const values = this.#quantiles(series);
    let out = '';
    this.quantiles.forEach((q, i) => (out += `${this.name}{${labels}${labels ? ',' : ''}quantile="${formatBound(q)}"} ${formatValue(values[i] as number)}\n`));
    out += `${this.name}_sum${rest} ${formatValue(series.sum)}\n${this.name}_count${rest} ${series.count}\n`;
    return created ? out + createdSample(this.name, labels, series.created) : out;
  }
}
