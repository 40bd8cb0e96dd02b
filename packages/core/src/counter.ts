import { Metric } from './metric';
import { Series } from './series';
import type { IncArgs, Labels, MetricConfig } from './types';
import { invalidValue } from './validate';

/** Configuration of a {@link Counter}. */
export interface CounterConfig<N extends string> extends MetricConfig<N> {
  /** Called before each exposition, e.g. to add what happened since the last scrape; may be async (then use `await registry.scrape()` or `gather()`). */
  readonly collect?: (counter: Counter<N>) => void | Promise<void>;
}

/**
 * A counter bound to one label set, from `counter.labels(...)`: the fastest way to count.
 *
 * @example
 * const getUsers = requests.labels({ method: 'GET', route: '/users' });
 * getUsers.inc();
 */
export interface CounterChild {
  /** Adds `value` (default 1); throws a `RangeError` for a negative, infinite or NaN value. */
  inc(value?: number): void;
}

const checkIncrement = (metric: { readonly id: string }, value: unknown): void => {
  if (typeof value !== 'number' || !(value >= 0 && value < Infinity)) throw invalidValue(metric.id, 'increment', value, 'a finite number >= 0');
};

class CounterSeries extends Series implements CounterChild {
  /** @internal */ value = 0;

  inc(value = 1): void {
    checkIncrement(this.metric, value);
    this.add(value);
  }

  /** @internal Adds a checked increment. */
  add(value: number): void {
    if (this.live) this.value += value;
    else this.current()?.add(value);
  }
}

/**
 * A value that only goes up (requests served, errors seen). Samples are named `<name>_total`
 * in both formats; a name given without the suffix gets it.
 *
 * @example
 * const requests = registry.counter({
 *   name: 'http_requests_total',
 *   help: 'HTTP requests served.',
 *   labelNames: ['method', 'status_code'],
 * });
 * requests.inc({ method: 'GET', status_code: 200 });
 */
export class Counter<N extends string = never> extends Metric<N, CounterSeries, CounterChild> {
  declare readonly type: 'counter';

  constructor(config: CounterConfig<N>, maxSeries: number) {
    super('counter', CounterSeries, config, maxSeries);
    this.start();
  }

  /**
   * Adds `value` (default 1) to the series of `labels`.
   *
   * @example
   * jobs.inc(); jobs.inc(3); requests.inc({ method: 'GET' }, 2);
   */
  inc(...args: IncArgs<N>): void;
  inc(labels?: object | number, value?: number): void {
    // The value is checked before the series is looked up, so a refused update creates no series.
    const by = (typeof labels === 'object' ? value : labels) ?? 1;
    checkIncrement(this, by);
    this.at(labels as Labels<N>).add(by);
  }
}
