import { Metric } from './metric';
import { Series } from './series';
import { startTimer } from './timer';
import type { IncArgs, Labels, MetricConfig, ValueArgs } from './types';
import { invalidValue } from './validate';

/** Configuration of a {@link Gauge}. */
export interface GaugeConfig<N extends string> extends MetricConfig<N> {
  /**
   * Called before each exposition to bring the gauge up to date; may be async (then use `await registry.scrape()` or `gather()`).
   *
   * @example
   * collect: (gauge) => gauge.set(queue.length)
   */
  readonly collect?: (gauge: Gauge<N>) => void | Promise<void>;
}

/**
 * A gauge bound to one label set, from `gauge.labels(...)`.
 *
 * @example
 * const emails = queueDepth.labels({ queue: 'emails' });
 * emails.set(12);
 */
export interface GaugeChild {
  /** Sets the value. */
  set(value: number): void;
  /** Adds `value` (default 1). */
  inc(value?: number): void;
  /** Subtracts `value` (default 1). */
  dec(value?: number): void;
  /** Sets the value to the current Unix time in seconds. */
  setToCurrentTime(): void;
  /** Starts a timer; calling the result sets the elapsed seconds and returns them. */
  startTimer(): () => number;
}

const checkNumber = (metric: { readonly id: string }, what: string, value: unknown): void => {
  if (typeof value !== 'number') throw invalidValue(metric.id, what, value, 'a number');
};

class GaugeSeries extends Series implements GaugeChild {
  /** @internal */ value = 0;

  set(value: number): void {
    checkNumber(this.metric, 'value', value);
    if (this.live) this.value = value;
    else this.current()?.set(value);
  }

  inc(value = 1): void {
    checkNumber(this.metric, 'increment', value);
    if (this.live) this.value += value;
    else this.current()?.inc(value);
  }

  dec(value = 1): void {
    checkNumber(this.metric, 'decrement', value);
    this.inc(-value);
  }

  setToCurrentTime(): void {
    this.set(Date.now() / 1000);
  }

  startTimer(): () => number {
    return startTimer({}, (_, seconds) => this.set(seconds));
  }
}

/**
 * A value that goes up and down (queue depth, temperature, in-flight requests).
 *
 * @example
 * const inFlight = registry.gauge({ name: 'jobs_in_flight', help: 'Jobs running now.' });
 * inFlight.inc();
 * inFlight.dec();
 */
export class Gauge<N extends string = never> extends Metric<N, GaugeSeries, GaugeChild> {
  declare readonly type: 'gauge';

  constructor(config: GaugeConfig<N>, maxSeries: number) {
    super('gauge', GaugeSeries, config, maxSeries);
    this.start();
  }

  /**
   * Sets the series of `labels` to `value`.
   *
   * @example
   * temperature.set(21.5); queueDepth.set({ queue: 'emails' }, 12);
   */
  set(...args: ValueArgs<N>): void;
  set(labels: object | number, value?: number): void {
    const number = ((typeof labels === 'object' ? value : labels)) as number;
    checkNumber(this, 'value', number);
    this.at(labels as Labels<N>).set(number);
  }

  /**
   * Adds `value` (default 1).
   *
   * @example
   * inFlight.inc(); queueDepth.inc({ queue: 'emails' }, 5);
   */
  inc(...args: IncArgs<N>): void;
  inc(labels?: object | number, value?: number): void {
    const number = ((typeof labels === 'object' ? value : labels) ?? 1) as number;
    checkNumber(this, 'increment', number);
    this.at(labels as Labels<N>).inc(number);
  }

  /**
   * Subtracts `value` (default 1).
   *
   * @example
   * inFlight.dec(); queueDepth.dec({ queue: 'emails' }, 5);
   */
  dec(...args: IncArgs<N>): void;
  dec(labels?: object | number, value?: number): void {
    const number = ((typeof labels === 'object' ? value : labels) ?? 1) as number;
    checkNumber(this, 'decrement', number);
    this.at(labels as Labels<N>).dec(number);
  }

  /**
   * Sets the value to the current Unix time in seconds.
   *
   * @example
   * lastSuccess.setToCurrentTime({ job: 'backup' });
   */
  setToCurrentTime(labels?: Labels<N>): void {
    this.at(labels).setToCurrentTime();
  }

  /**
   * Starts a timer; `end(moreLabels?)` sets the elapsed seconds and returns them.
   *
   * @example
   * const end = lastDuration.startTimer({ job: 'backup' });
   * await backup();
   * end();
   */
  startTimer(labels?: Partial<Labels<N>>): (moreLabels?: Partial<Labels<N>>) => number {
    return startTimer(labels, (all, seconds) => this.at(all as Labels<N>).set(seconds));
  }
}
