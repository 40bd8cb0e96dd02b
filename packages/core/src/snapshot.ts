import { type Metric, stateOf } from './metric';
import type { Series } from './series';
import type { MetricType } from './types';

/**
 * An exemplar as a snapshot holds it: the labels that point elsewhere (e.g. a trace id), the
 * value it was recorded with, and when.
 *
 * @example
 * const exemplar: ExemplarSnapshot = { labels: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' }, value: 0.42, timestamp: Date.now() };
 */
export interface ExemplarSnapshot {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** When it was recorded, in ms since the Unix epoch; absent when unknown. */
  readonly timestamp?: number;
}

/**
 * The native (sparse, exponential) buckets of a histogram series, as the protobuf exposition
 * carries them. Bucket `i` of schema `s` holds observations in `(2^((i-1)/2^s), 2^(i/2^s)]`;
 * observations are never negative in promkit, so there are no negative buckets.
 *
 * @example
 * const native: NativeHistogramSnapshot = { schema: 3, zeroThreshold: 2 ** -128, zeroCount: 0, positive: [[0, 2], [1, 1]] };
 */
export interface NativeHistogramSnapshot {
  /** Resolution: each power of two is split into 2^schema buckets (-4 … 8). */
  readonly schema: number;
  /** Observations at or below this go to the zero bucket. */
  readonly zeroThreshold: number;
  readonly zeroCount: number;
  /** Non-empty buckets as `[index, count]` (not cumulative), in increasing index order. */
  readonly positive: readonly (readonly [index: number, count: number])[];
}

/**
 * One series of a {@link MetricFamilySnapshot}: its labels, creation time and values.
 *
 * @example
 * const [series] = registry.snapshot()[0]!.series;
 * console.log(series?.labels, series?.value);
 */
export interface SeriesSnapshot {
  /** The series' own labels plus the registry's default labels, in rendering order. */
  readonly labels: Readonly<Record<string, string>>;
  /** When the series was created (or last reset), in ms since the Unix epoch. */
  readonly created: number;
  /** Counters and gauges: the value. */
  readonly value?: number;
  /** Counters: the latest exemplar, if one was recorded. */
  readonly exemplar?: ExemplarSnapshot;
  /** Histograms: cumulative bucket counts in increasing `le` order, each with the latest exemplar that fell in it; the last `le` is `Infinity`. */
  readonly buckets?: readonly { readonly le: number; readonly count: number; readonly exemplar?: ExemplarSnapshot }[];
  /** Native histograms: their sparse buckets. */
  readonly native?: NativeHistogramSnapshot;
  /** Summaries: each configured quantile and its value over the window (NaN when the window is empty). */
  readonly quantiles?: readonly { readonly quantile: number; readonly value: number }[];
  /** Histograms and summaries: the sum of observations. */
  readonly sum?: number;
  /** Histograms and summaries: the number of observations. */
  readonly count?: number;
}

/**
 * A metric family as data: what `registry.snapshot()` and `registry.gather()` return, so exporters never parse text.
 *
 * @example
 * for (const family of registry.snapshot()) console.log(family.name, family.type, family.series.length);
 */
export interface MetricFamilySnapshot {
  /** The name as registered: counters end in `_total`. */
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly unit?: string;
  readonly series: readonly SeriesSnapshot[];
}

/** The values of one series, by metric type. */
export type SeriesValues = Pick<SeriesSnapshot, 'value' | 'exemplar' | 'buckets' | 'sum' | 'count' | 'native' | 'quantiles'>;

/** One of promkit's own counters: one series per metric it counts for, labelled `metric`. */
export interface SelfMetric {
  readonly name: string;
  readonly help: string;
  readonly counts: readonly (readonly [metric: string, value: number])[];
}

/** The self-metrics of a registry holding `metrics`, given its collect failures. */
export const selfMetrics = (metrics: Iterable<Metric<string, Series, unknown>>, collectErrors: Map<string, number>): SelfMetric[] => [
  {
    name: 'promkit_series_dropped_total',
    help: 'Updates dropped because a metric reached its maxSeries limit.',
    counts: [...metrics].filter((metric) => stateOf(metric).dropped).map((metric) => [metric.name, stateOf(metric).dropped] as const),
  },
  { name: 'promkit_collect_errors_total', help: 'Collect callbacks that threw or rejected.', counts: [...collectErrors] },
];

/** The registry's default labels, minus those a metric sets itself. */
export const defaultLabels = (labels: Readonly<Record<string, string>>, own: readonly string[]): [string, string][] =>
  Object.entries(labels).filter(([name]) => !own.includes(name));

function family(metric: Metric<string, Series, unknown>, labels: Readonly<Record<string, string>>): MetricFamilySnapshot {
  const { name, type, help, unit, labelNames } = metric;
  const extra = defaultLabels(labels, labelNames);
  const series = [...stateOf(metric).series.values()].map((s) => ({
    labels: Object.fromEntries([...labelNames.map((label, i) => [label, s.values[i] as string]), ...extra]),
    created: s.created,
    ...metric.values(s),
  }));
  return unit === undefined ? { name, type, help, series } : { name, type, help, unit, series };
}

/**
 * The state of `metrics` as data, collects already run; self-metrics that counted anything come
 * last, their series created at `created` (the registry's creation time).
 */
export function snapshotFamilies(
  metrics: Iterable<Metric<string, Series, unknown>>,
  labels: Readonly<Record<string, string>>,
  self: readonly SelfMetric[],
  created: number,
): MetricFamilySnapshot[] {
  const out: MetricFamilySnapshot[] = [];
  for (const metric of metrics) out.push(family(metric, labels));
  const extra = defaultLabels(labels, ['metric']);
  for (const { name, help, counts } of self) {
    const series = counts.map(([metric, value]) => ({ labels: Object.fromEntries([['metric', metric], ...extra]), created, value }));
    if (series.length) out.push({ name, type: 'counter', help, series });
  }
  return out;
}
