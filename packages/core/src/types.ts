/** A label value as callers pass it; numbers and booleans are converted with `String()`. */
export type LabelValue = string | number | boolean;

/**
 * The label set of one series: every name in `labelNames`, no other.
 *
 * @example
 * const labels: Labels<'method' | 'route'> = { method: 'GET', route: '/users/:id' };
 */
export type Labels<N extends string> = { readonly [K in N]: LabelValue };

// An unlabeled metric accepts `{}` (what timers pass) but no label in it.
type NoLabels = Readonly<Record<string, never>>;

// What follows the value: an optional exemplar `E` (counters, histograms), or nothing (gauges).
type After<E> = [E] extends [never] ? [] : [exemplar?: E];

/**
 * Arguments of `inc`/`dec`: `(value?)` for an unlabeled metric, `(labels, value?)` otherwise;
 * with `E` (counters: `Exemplar`), an optional exemplar after the value.
 */
export type IncArgs<N extends string, E = never> = [N] extends [never]
  ? [value?: number, ...After<E>] | [labels: NoLabels, value?: number, ...After<E>]
  : [labels: Labels<N>, value?: number, ...After<E>];

/**
 * Arguments of `set`/`observe`: `(value)` for an unlabeled metric, `(labels, value)` otherwise;
 * with `E` (histograms: `Exemplar`), an optional exemplar after the value.
 */
export type ValueArgs<N extends string, E = never> = [N] extends [never]
  ? [value: number, ...After<E>] | [labels: NoLabels, value: number, ...After<E>]
  : [labels: Labels<N>, value: number, ...After<E>];

/** The metric type tag, compared instead of `instanceof` so copies of the package agree. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

/** What every metric config has. */
export interface MetricConfig<N extends string> {
  /** Metric name, `[a-zA-Z_:][a-zA-Z0-9_:]*`. Counters always expose `<name>_total`. */
  readonly name: string;
  /** Help text shown in `# HELP`. */
  readonly help: string;
  /** Label names, in the order they are rendered. Default: none. */
  readonly labelNames?: readonly N[];
  /** Unit (OpenMetrics `# UNIT`); the name must end in `_<unit>`. Default: none. */
  readonly unit?: string;
  /** Most series this metric keeps; new label sets beyond it are dropped and counted. Default: the registry's (10,000). */
  readonly maxSeries?: number;
}
