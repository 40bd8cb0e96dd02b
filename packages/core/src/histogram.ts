import { DEFAULT_BUCKETS, formatBound } from './buckets';
import { type Exemplar, renderExemplar, toExemplarSnapshot } from './exemplar';
import { sumAndCount } from './exposition';
import { checkObservation, type HistogramChild, HistogramSeries, type NativeBuckets, NativeHistogramSeries } from './histogram-series';
import { Metric } from './metric';
import type { ExemplarSnapshot, SeriesValues } from './snapshot';
import { startTimer } from './timer';
import type { Labels, MetricConfig, ValueArgs } from './types';
import { fail } from './validate';

export type { HistogramChild, NativeBuckets } from './histogram-series';

/** Configuration of a {@link Histogram}. */
export interface HistogramConfig<N extends string> extends MetricConfig<N> {
  /**
   * Upper bounds (`le`), finite and increasing; `+Inf` is always added. Default:
   * {@link DEFAULT_BUCKETS}, or none (only `+Inf`) for a native histogram.
   */
  readonly buckets?: readonly number[];
  /** Native buckets too, served in the protobuf format (text formats show only the classic ones). Default: none. */
  readonly native?: NativeBuckets;
  /** Called before each exposition; may be async (then use `await registry.scrape()` or `gather()`). */
  readonly collect?: (histogram: Histogram<N>) => void | Promise<void>;
}

/**
 * Counts observations in buckets (`le`, cumulative) plus their `_sum` and `_count`.
 *
 * @example
 * const latency = registry.histogram({
 *   name: 'http_request_duration_seconds',
 *   help: 'Request latency.',
 *   labelNames: ['route'],
 * });
 * latency.observe({ route: '/users/:id' }, 0.042);
 */
export class Histogram<N extends string = never> extends Metric<N, HistogramSeries, HistogramChild> {
  declare readonly type: 'histogram';
  /** Finite upper bounds in increasing order. */
  readonly buckets: readonly number[];
  /** The native buckets, when this is a native histogram. */
  readonly native: NativeBuckets | undefined;
  readonly #bounds: string[];
  // The latest exemplar of each bucket, for the series that got one: created on first use, so
  // no series grows a field (issue 18: bytes per series). Weak, so removed series take theirs.
  #exemplars: WeakMap<HistogramSeries, (ExemplarSnapshot | undefined)[]> | undefined;

  constructor(config: HistogramConfig<N>, maxSeries: number) {
    super('histogram', config.native ? NativeHistogramSeries : HistogramSeries, config, maxSeries, ['le']);
    this.native = config.native;
    const buckets = config.buckets ?? (config.native ? [] : DEFAULT_BUCKETS);
    // Observations are >= 0 (OpenMetrics: `_sum` is a counter, and a histogram with negative
    // buckets must have none), so a negative bound could only ever count zero observations.
    if (!Array.isArray(buckets) || buckets.some((b, i) => !(Number.isFinite(b) && b >= 0) || (i > 0 && b <= buckets[i - 1]))) {
      throw fail(TypeError, this.id, `buckets must be finite numbers >= 0 in increasing order, got [${String(buckets)}]`);
    }
    this.buckets = [...buckets];
    this.#bounds = [...this.buckets.map(formatBound), '+Inf'];
    this.start();
  }

  /**
   * Records one observation in the series of `labels`; an `exemplar` (OpenMetrics only)
   * becomes the latest of the bucket the observation falls in.
   *
   * @example
   * latency.observe({ route: '/users/:id' }, 0.042);
   * latency.observe({ route: '/users/:id' }, 0.042, { labels: { trace_id: 'abc123' } });
   */
  observe(...args: ValueArgs<N, Exemplar>): void;
  observe(labels: object | number, value?: number | Exemplar, exemplar?: Exemplar): void {
    const labeled = typeof labels === 'object';
    const number = (labeled ? value : labels) as number;
    checkObservation(this, number);
    const given = labeled ? exemplar : value;
    if (given === undefined) this.at(labels as Labels<N>).observe(number);
    else this.#observeWith(labels as Labels<N>, number, given as Exemplar);
  }

  // The value and exemplar are checked before the series is looked up, so a refused update
  // creates no series. Apart from observe, which must stay small (see HistogramSeries).
  #observeWith(labels: Labels<N>, value: number, exemplar: Exemplar): void {
    const snapshot = toExemplarSnapshot(this.id, exemplar, value);
    this.at(labels).recordWith(value, snapshot);
  }

  /** @internal Keeps `exemplar` as the latest of bucket `index` of a live series. */
  keep(series: HistogramSeries, index: number, exemplar: ExemplarSnapshot): void {
    const exemplars = (this.#exemplars ??= new WeakMap());
    let buckets = exemplars.get(series);
    if (!buckets) exemplars.set(series, (buckets = []));
    buckets[index] = exemplar;
  }

  /**
   * Starts a timer; `end(moreLabels?)` observes the elapsed seconds and returns them.
   *
   * @example
   * const end = latency.startTimer({ route: '/users/:id' });
   * const seconds = end({ status_code: 200 });
   */
  startTimer(labels?: Partial<Labels<N>>): (moreLabels?: Partial<Labels<N>>) => number {
    return startTimer(labels, (all, seconds) => this.at(all as Labels<N>).observe(seconds));
  }

  /** @internal */
  override values(series: HistogramSeries): SeriesValues {
    let count = 0;
    const exemplars = this.#exemplars?.get(series);
    const buckets = [...series.counts].map((n, i) => {
      const bucket = { le: this.buckets[i] ?? Infinity, count: (count += n) };
      const exemplar = exemplars?.[i];
      return exemplar ? { ...bucket, exemplar } : bucket;
    });
    const native = this.native && this.native.snapshot((series as NativeHistogramSeries).native);
    return native ? { buckets, sum: series.sum, count, native } : { buckets, sum: series.sum, count };
  }

  /** @internal */
  override samples(series: HistogramSeries, labels: string, created: boolean, om: boolean): string {
    const bucket = `${this.name}_bucket{${labels}${labels ? ',' : ''}le="`;
    const exemplars = om ? this.#exemplars?.get(series) : undefined;
    let out = '';
    let count = 0;
    series.counts.forEach((n, i) => {
      count += n;
      const exemplar = exemplars?.[i];
      out += `${bucket}${this.#bounds[i]}"} ${count}${exemplar ? renderExemplar(exemplar) : ''}\n`;
    });
    return out + sumAndCount(this.name, labels, series.sum, count, created, series.created);
  }
}
