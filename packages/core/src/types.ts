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

/** Arguments of `inc`/`dec`: `(value?)` for an unlabeled metric, `(labels, value?)` otherwise. */
export type IncArgs<N extends string> = [N] extends [never]
  ? [value?: number] | [labels: NoLabels, value?: number]
  : [labels: Labels<N>, value?: number];

/** Arguments of `set`/`observe`: `(value)` for an unlabeled metric, `(labels, value)` otherwise. */
export type ValueArgs<N extends string> = [N] extends [never]
  ? [value: number] | [labels: NoLabels, value: number]
  : [labels: Labels<N>, value: number];

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
