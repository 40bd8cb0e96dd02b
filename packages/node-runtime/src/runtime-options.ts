import type { InternalErrorHandler, LabelValue, Registry } from '@promkit/core';

/**
 * Options of {@link createRuntimeMetrics}: prom-client's `collectDefaultMetrics` options under
 * promkit's names (its `register` is our `registry`).
 *
 * @example
 * const options: RuntimeMetricsOptions = { prefix: 'app_', labels: { pod: 'web-1' } };
 */
export interface RuntimeMetricsOptions {
  /** Where the metrics are registered. Default: core's `defaultRegistry`. */
  readonly registry?: Registry;
  /** Prefix of every metric name. Default: none. */
  readonly prefix?: string;
  /** Static labels added to every series. Default: none. */
  readonly labels?: Readonly<Record<string, LabelValue>>;
  /** Sampling resolution of the event loop delay histogram, in milliseconds. Default: 10. */
  readonly eventLoopMonitoringPrecision?: number;
  /** Buckets of `nodejs_gc_duration_seconds`. Default: prom-client's `[0.001, 0.01, 0.1, 1, 2, 5]`. */
  readonly gcDurationBuckets?: readonly number[];
  /** Receives an error a metric's reading throws at scrape time; that metric keeps its last value. Default: core's `errorSink`. */
  readonly onInternalError?: InternalErrorHandler;
}

/** How one group of runtime metrics is defined: a gauge or counter read at scrape time. */
export interface RuntimeDefiner {
  readonly registry: Registry;
  /** A gauge whose `read` gives its value, or its values by the first label, at each scrape. */
  gauge(name: string, help: string, read: () => number | Record<string, number> | undefined, label?: string): void;
  /** A counter whose `read` gives its running total at each scrape. */
  counter(name: string, help: string, read: () => number): void;
  readonly options: RuntimeMetricsOptions;
  readonly labels: Record<string, LabelValue>;
  readonly labelNames: string[];
}
