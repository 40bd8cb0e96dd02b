import type { Metric } from './metric';

// Undoes escapeLabelValue (backslash, double quote, newline).
const unescape = (_: string, char: string): string => (char === 'n' ? '\n' : char);

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
  // Milliseconds since the metric was created: a small integer (`| 0` makes it one) that V8
  // keeps in the field itself, where an epoch time takes a 16 B heap number per series (issue
  // 18). Past 2^30 ms (12 days) it is kept as it is, as a heap number again.
  /** @internal */ readonly age: number;

  constructor(metric: Metric<string, Series, unknown>, key: string) {
    this.metric = metric;
    this.key = key;
    const age = Date.now() - metric.born;
    this.age = age < 2 ** 30 ? age | 0 : age;
  }

  /** @internal Creation time, ms since the Unix epoch. */
  get created(): number {
    return this.metric.born + this.age;
  }

  /** @internal Label values as strings, in labelNames order: read back from the key, not kept (~40 B a series, issue 18). */
  get values(): readonly string[] {
    return this.metric.labelNames.length ? this.key.split('\n').map((value) => value.replace(/\\(.)/g, unescape)) : [];
  }

  /** @internal The live series with this series' labels, or undefined when the metric is full (the update is counted as dropped). */
  protected current(): this | undefined {
    return this.metric.place(this.key) as this | undefined;
  }
}
