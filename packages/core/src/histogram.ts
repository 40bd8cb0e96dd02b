import { DEFAULT_BUCKETS, formatBound } from './buckets';
import { braces, createdSample, formatValue } from './exposition';
import { Metric } from './metric';
import { Series } from './series';
import type { NativeHistogramSnapshot, SeriesValues } from './snapshot';
import { startTimer } from './timer';
import type { Labels, MetricConfig, ValueArgs } from './types';
import { checkObservation, fail } from './validate';

/**
 * How a histogram keeps native (sparse, exponential) buckets besides its classic ones: what
 * `nativeBuckets()` of `@promkit/protobuf` returns. Core only holds one state per series.
 *
 * @example
 * import { nativeBuckets } from '@promkit/protobuf';
 * const latency = registry.histogram({ name: 'rpc_duration_seconds', help: 'RPC time.', native: nativeBuckets() });
 */
export interface NativeBuckets<S = unknown> {
  /** A new, empty state for one series. */
  create(): S;
  /** Records one observation (finite and >= 0: the histogram has checked it). */
  observe(state: S, value: number): void;
  /** The buckets of one series as data. */
  snapshot(state: S): NativeHistogramSnapshot;
}

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
 * A histogram bound to one label set, from `histogram.labels(...)`.
 *
 * @example
 * const getUser = latency.labels({ route: '/users/:id' });
 * getUser.observe(0.042);
 */
export interface HistogramChild {
  /** Records one observation. */
  observe(value: number): void;
  /** Starts a timer; calling the result observes the elapsed seconds and returns them. */
  startTimer(): () => number;
}

class HistogramSeries extends Series implements HistogramChild {
  // A plain array, not a Float64Array: its counts stay small integers (4 B each, turning into
  // doubles only past 2^30), and a typed array costs ~190 B more per series for its buffer
  // (issue 18: 579 B per series, prom-client 488 B). The bounds are the metric's.
  /** @internal Per-bucket (not cumulative) counts; the last slot is the `+Inf` bucket. */
  readonly counts: number[];
  /** @internal */ sum = 0;

  constructor(metric: Histogram<string>, key: string) {
    super(metric, key);
    this.counts = new Array<number>(metric.buckets.length + 1).fill(0);
  }

  observe(value: number): void {
    checkObservation(this.metric, value);
    if (!this.live) return this.current()?.observe(value);
    this.record(value);
  }

  /** @internal Records a checked observation in this live series. */
  record(value: number): void {
    const bounds = (this.metric as Histogram<string>).buckets;
    let i = 0;
    while (i < bounds.length && value > (bounds[i] as number)) i++;
    (this.counts[i] as number)++;
    this.sum += value;
  }

  startTimer(): () => number {
    return startTimer({}, (_, seconds) => this.observe(seconds));
  }
}

// A series of a native histogram: the classic counts plus the native state. A subclass, so
// classic histograms' series carry no extra field.
class NativeHistogramSeries extends HistogramSeries {
  /** @internal */ readonly native: unknown;

  constructor(metric: Histogram<string>, key: string) {
    super(metric, key);
    this.native = (metric.native as NativeBuckets).create();
  }

  override record(value: number): void {
    super.record(value);
    ((this.metric as Histogram<string>).native as NativeBuckets).observe(this.native, value);
  }
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
   * Records one observation in the series of `labels`.
   *
   * @example
   * latency.observe({ route: '/users/:id' }, 0.042);
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
   * const end = latency.startTimer({ route: '/users/:id' });
   * const seconds = end({ status_code: 200 });
   */
  startTimer(labels?: Partial<Labels<N>>): (moreLabels?: Partial<Labels<N>>) => number {
    return startTimer(labels, (all, seconds) => this.at(all as Labels<N>).observe(seconds));
  }

  /** @internal */
  override values(series: HistogramSeries): SeriesValues {
    let count = 0;
    const buckets = [...series.counts].map((n, i) => ({ le: this.buckets[i] ?? Infinity, count: (count += n) }));
    const native = this.native && this.native.snapshot((series as NativeHistogramSeries).native);
    return native ? { buckets, sum: series.sum, count, native } : { buckets, sum: series.sum, count };
  }

  /** @internal */
  override samples(series: HistogramSeries, labels: string, created: boolean): string {
    const bucket = `${this.name}_bucket{${labels}${labels ? ',' : ''}le="`;
    const rest = braces(labels);
    let out = '';
    let count = 0;
    series.counts.forEach((n, i) => {
      count += n;
      out += `${bucket}${this.#bounds[i]}"} ${count}\n`;
    });
    out += `${this.name}_sum${rest} ${formatValue(series.sum)}\n${this.name}_count${rest} ${count}\n`;
    return created ? out + createdSample(this.name, labels, series.created) : out;
  }
}
