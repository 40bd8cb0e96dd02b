import type { Metric } from './metric';

/**
 * One series of a metric: the object `metric.labels(...)` hands out as a bound child.
 *
 * A child stays valid after `remove()` or `reset()`: it is marked not live and forwards
 * every later update to the series that now holds its labels (created again if needed), as
 * prom-client's children do, so no update is silently lost.
 */
export abstract class Series {
  /** @internal */ live = true;
  /** @internal */ readonly metric: Metric<string, Series, unknown>;
  /** @internal */ readonly key: string;
  /** @internal Label values as strings, in labelNames order. */ readonly values: readonly string[];
  /** @internal Creation time, ms since the Unix epoch. */ readonly created = Date.now();

  constructor(metric: Metric<string, Series, unknown>, key: string, values: readonly string[]) {
    this.metric = metric;
    this.key = key;
    this.values = values;
  }

  /** @internal The live series with this series' labels, or undefined when the metric is full (the update is counted as dropped). */
  protected current(): this | undefined {
    return this.metric.place(this.key, this.values) as this | undefined;
  }
}
