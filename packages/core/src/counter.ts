import { type Exemplar, renderExemplar, toExemplarSnapshot } from './exemplar';
import { braces, createdSample, formatValue } from './exposition';
import { Metric } from './metric';
import { Series } from './series';
import type { ExemplarSnapshot, SeriesValues } from './snapshot';
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
  /**
   * Adds `value` (default 1), and keeps `exemplar` as the series' latest; throws a
   * `RangeError` for a negative, infinite or NaN value.
   */
  inc(value?: number, exemplar?: Exemplar): void;
}

const checkIncrement = (metric: { readonly id: string }, value: unknown): void => {
  if (typeof value !== 'number' || !(value >= 0 && value < Infinity)) throw invalidValue(metric.id, 'increment', value, 'a finite number >= 0');
};

class CounterSeries extends Series implements CounterChild {
  /** @internal */ value = 0;

  inc(value = 1, exemplar?: Exemplar): void {
    checkIncrement(this.metric, value);
    if (exemplar === undefined) this.add(value);
    else this.addWith(value, toExemplarSnapshot(this.metric.id, exemplar, value));
  }

  /** @internal Adds a checked increment. */
  add(value: number): void {
    if (this.live) this.value += value;
    else this.current()?.add(value);
  }

  /** @internal Adds a checked increment with its checked exemplar, which becomes the series' latest. */
  addWith(value: number, exemplar: ExemplarSnapshot): void {
    const series = this.live ? this : this.current();
    if (!series) return;
    series.value += value;
    (this.metric as Counter<string>).keep(series, exemplar);
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
  // The latest exemplar of each series that got one: created on first use, so a counter
  // without exemplars costs nothing, and no series grows a field (issue 18: bytes per series).
  // Weak, so removed series take theirs with them.
  #exemplars: WeakMap<CounterSeries, ExemplarSnapshot> | undefined;

  constructor(config: CounterConfig<N>, maxSeries: number) {
    super('counter', CounterSeries, config, maxSeries);
    this.start();
  }

  /**
   * Adds `value` (default 1) to the series of `labels`; an `exemplar` (OpenMetrics only)
   * becomes the series' latest.
   *
   * @example
   * jobs.inc(); jobs.inc(3); requests.inc({ method: 'GET' }, 2);
   * requests.inc({ method: 'GET' }, 1, { labels: { trace_id: 'abc123' } });
   */
  inc(...args: IncArgs<N, Exemplar>): void;
  inc(labels?: object | number, value?: number | Exemplar, exemplar?: Exemplar): void {
    const labeled = typeof labels === 'object';
    // The value and exemplar are checked before the series is looked up, so a refused update creates no series.
    const by = ((labeled ? value : labels) ?? 1) as number;
    checkIncrement(this, by);
    const given = labeled ? exemplar : (value as Exemplar | undefined);
    if (given === undefined) return this.at(labels as Labels<N>).add(by);
    const snapshot = toExemplarSnapshot(this.id, given, by);
    this.at(labels as Labels<N>).addWith(by, snapshot);
  }

  /** @internal Keeps `exemplar` as the latest of a live series. */
  keep(series: CounterSeries, exemplar: ExemplarSnapshot): void {
    (this.#exemplars ??= new WeakMap()).set(series, exemplar);
  }

  /** @internal */
  override values(series: CounterSeries): SeriesValues {
    const exemplar = this.#exemplars?.get(series);
    return exemplar ? { value: series.value, exemplar } : { value: series.value };
  }

  /** @internal */
  override samples(series: CounterSeries, labels: string, created: boolean, om: boolean): string {
    const exemplar = om ? this.#exemplars?.get(series) : undefined;
    const sample = `${this.name}${braces(labels)} ${formatValue(series.value)}${exemplar ? renderExemplar(exemplar) : ''}\n`;
    return created ? sample + createdSample(this.name.slice(0, -6), labels, series.created) : sample;
  }
}
