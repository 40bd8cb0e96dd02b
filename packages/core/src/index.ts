export { DEFAULT_BUCKETS, exponentialBuckets, formatBound, linearBuckets } from './buckets';
export { Counter } from './counter';
export type { CounterChild, CounterConfig } from './counter';
export { counter, defaultRegistry, gauge, histogram, summary } from './default-registry';
export type { Exemplar } from './exemplar';
export { errorSink } from './error-sink';
export type { InternalErrorHandler } from './error-sink';
export {
  escapeHelp,
  escapeLabelValue,
  formatValue,
  OPENMETRICS_CONTENT_TYPE,
  TEXT_CONTENT_TYPE,
} from './exposition';
export { Gauge } from './gauge';
export type { GaugeChild, GaugeConfig } from './gauge';
export { Histogram } from './histogram';
export type { HistogramChild, HistogramConfig, NativeBuckets } from './histogram';
export { Metric } from './metric';
export { prefersOpenMetrics } from './negotiate';
export { Registry } from './registry';
export { Summary } from './summary';
export type { SummaryChild, SummaryConfig } from './summary';
export { QUANTILE_RELATIVE_ERROR } from './quantile-sketch';
export { traceparentExemplar } from './trace-context';
export { spanExemplar } from './trace-span';
export type { ExemplarSnapshot, MetricFamilySnapshot, NativeHistogramSnapshot, SeriesSnapshot } from './snapshot';
export type { AnyMetric, ExpositionEncoder, ExpositionFormat, RegistryOptions, Scrape, TextScrape } from './registry-types';
export type { MediaOffer } from './negotiate';
export { isLabelName, isMetricName } from './validate';
export type { IncArgs, Labels, LabelValue, MetricConfig, MetricType, ValueArgs } from './types';
