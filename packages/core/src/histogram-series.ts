import { type Exemplar, toExemplarSnapshot } from './exemplar';
import type { Histogram } from './histogram';
import { Series } from './series';
import type { ExemplarSnapshot, NativeHistogramSnapshot } from './snapshot';
import { startTimer } from './timer';
import { invalidValue } from './validate';

// The series of a histogram (classic, or classic plus native buckets): what
// `histogram.labels(...)` hands out.

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

/**
 * A histogram bound to one label set, from `histogram.labels(...)`.
 *
 * @example
 * const getUser = latency.labels({ route: '/users/:id' });
 * getUser.observe(0.042);
 */
export interface HistogramChild {
  /** Records one observation; an `exemplar` becomes the latest of the bucket it falls in. */
  observe(value: number, exemplar?: Exemplar): void;
  /** Starts a timer; calling the result observes the elapsed seconds and returns them. */
  startTimer(): () => number;
}

// Negative and infinite observations are refused like NaN: OpenMetrics 1.0 requires a
// histogram's _sum to be a counter-like value (not negative, not NaN) when buckets are
// non-negative, and Python's OpenMetrics parser rejects a sample that breaks it.
export const checkObservation = (metric: { readonly id: string }, value: unknown): void => {
  if (typeof value !== 'number' || !(value >= 0 && value < Infinity)) throw invalidValue(metric.id, 'observation', value, 'a finite number >= 0');
};

// The index of the bucket `value` falls in; the last is `+Inf`.
const bucketOf = ({ buckets }: Histogram<string>, value: number): number => {
  let i = 0;
  while (i < buckets.length && value > (buckets[i] as number)) i++;
  return i;
};

export class HistogramSeries extends Series implements HistogramChild {
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

  observe(value: number, exemplar?: Exemplar): void {
    checkObservation(this.metric, value);
    if (exemplar !== undefined) return this.observeWith(value, exemplar);
    if (!this.live) return this.current()?.observe(value);
    this.record(value);
  }

  // Apart from observe: with the exemplar code inline, Histogram.observe grew past what V8
  // inlines into a caller's loop, and stopped inlining the lookup and record (~10 % slower
  // observe without exemplars, bench/lookup-cases.mjs, --trace-turbo-inlining). Not a
  // #private method: those give every instance a brand slot, i.e. every series a field.
  /** @internal */
  observeWith(value: number, exemplar: Exemplar): void {
    this.recordWith(value, toExemplarSnapshot(this.metric.id, exemplar, value));
  }

  /** @internal Records a checked observation in this live series. */
  record(value: number): void {
    (this.counts[bucketOf(this.metric as Histogram<string>, value)] as number)++;
    this.sum += value;
  }

  /** @internal Records a checked observation with its checked exemplar, which becomes its bucket's latest. */
  recordWith(value: number, exemplar: ExemplarSnapshot): void {
    const series = this.live ? this : this.current();
    if (!series) return;
    series.record(value);
    (this.metric as Histogram<string>).keep(series, bucketOf(this.metric as Histogram<string>, value), exemplar);
  }

  startTimer(): () => number {
    return startTimer({}, (_, seconds) => this.observe(seconds));
  }
}

// A series of a native histogram: the classic counts plus the native state. A subclass, so
// classic histograms' series carry no extra field.
export class NativeHistogramSeries extends HistogramSeries {
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
