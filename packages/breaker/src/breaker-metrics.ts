import { DEFAULT_BUCKETS, defaultRegistry, type HistogramChild, type Registry } from '@promkit/core';
import { breakerFamilies } from './families';

/**
 * The states most circuit breakers have; a breaker with others lists them in `states`.
 *
 * @example
 * const state: BreakerState = 'half_open';
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

const DEFAULT_STATES: readonly BreakerState[] = ['closed', 'open', 'half_open'];

/**
 * Options of {@link breakerMetrics}.
 *
 * @example
 * const options: BreakerMetricsOptions<'closed' | 'open'> = { name: 'payments', states: ['closed', 'open'] };
 */
export interface BreakerMetricsOptions<S extends string = BreakerState> {
  /** Value of the `name` label that tells this breaker apart, e.g. the service it protects. */
  readonly name: string;
  /** Registry the metrics are got or created in. Default: `defaultRegistry` of `@promkit/core`. */
  readonly registry?: Registry;
  /** Every state the breaker can be in; each gets a `circuit_breaker_state` series. Default: `['closed', 'open', 'half_open']`. */
  readonly states?: readonly S[];
  // NoInfer: the states are what `states` lists (or the default three), never just this one.
  /** The state the breaker is in now. Default: the first of `states`. */
  readonly state?: NoInfer<S>;
  /**
   * Whether a failed call's error counts toward opening the breaker (`circuit_breaker_failures_total`),
   * for breakers that let some errors through unjudged (opossum's `errorFilter`, cockatiel's
   * `handleWhen`). Default: every failure counts.
   */
  readonly isFailure?: (error: unknown) => boolean;
  /** Upper bounds of `circuit_breaker_call_duration_seconds`, in seconds. Default: core's `DEFAULT_BUCKETS`. */
  readonly buckets?: readonly number[];
  /**
   * Receives what would otherwise be thrown into the breaker: a bad duration, an unknown state.
   * Default: `console.error`.
   */
  readonly onError?: (error: unknown) => void;
}

/**
 * Options of the library bindings: those of {@link breakerMetrics} but the states, which the
 * binding reads from the library.
 *
 * @example
 * const options: InstrumentOptions = { name: 'payments', registry };
 */
export type InstrumentOptions = Omit<BreakerMetricsOptions, 'states' | 'state' | 'isFailure'>;

/**
 * What a breaker tells its metrics. Every method is safe to call from inside the breaker's
 * event emission: nothing it does throws; problems go to `onError`.
 *
 * @example
 * const metrics = breakerMetrics({ name: 'payments' });
 * metrics.stateChange('closed', 'open');
 * metrics.stateChange('half_open'); // from the state it is in: open
 */
export interface BreakerMetrics<S extends string = BreakerState> {
  /**
   * The breaker moved from state `from` to state `to`. Moving to the state it is in is no change.
   * A `from` other than the state the metrics last saw (a change they missed) is believed: the
   * change is counted as `from` → `to`.
   */
  stateChange(from: S, to: S): void;
  /** The breaker moved to state `to` from the state the metrics last saw. */
  stateChange(to: S): void;
  /** A call succeeded, after `seconds` if measured. */
  success(seconds?: number): void;
  /**
   * A call failed with `error`, after `seconds` if measured. `counted` says whether the breaker
   * counted the failure toward opening; by default the `isFailure` option decides from the error
   * (every failure counts unless it says otherwise).
   */
  failure(error?: unknown, seconds?: number, counted?: boolean): void;
  /** A call timed out, after `seconds` if measured; the breaker counts it as a failure. */
  timeout(seconds?: number): void;
  /** A call was short-circuited because the breaker was open. */
  rejected(): void;
  /** The breaker ran a fallback in place of a failed or rejected call. */
  fallback(): void;
}

// The last line of defence: metrics must never break the breaker they watch, and that includes
// an `onError` that throws.
const guard =
  <A extends unknown[]>(onError: (error: unknown) => void, update: (...args: A) => void) =>
  (...args: A): void => {
    try {
      update(...args);
    } catch (error) {
      try {
        onError(error);
      } catch {
        // Nowhere left to report to.
      }
    }
  };

/**
 * Creates the metrics of one circuit breaker and returns the methods that update them. Every
 * series exists from this call on (the given state 1, every counter 0), so dashboards and
 * alerts see the breaker before anything happens to it. Throws on invalid options or a
 * registry conflict; never afterwards.
 *
 * @example
 * const metrics = breakerMetrics({ name: 'payments', registry });
 * try {
 *   const started = performance.now();
 *   await charge();
 *   metrics.success((performance.now() - started) / 1000);
 * } catch (error) {
 *   metrics.failure(error);
 * }
 */
export function breakerMetrics<const S extends string = BreakerState>(options: BreakerMetricsOptions<S>): BreakerMetrics<S> {
  const {
    name,
    registry = defaultRegistry,
    states = DEFAULT_STATES as readonly string[] as readonly S[],
    buckets = DEFAULT_BUCKETS,
    onError = (error: unknown) => console.error(error),
    isFailure = () => true,
  } = options;
  const subject = `circuit breaker "${name}"`;
  let current = options.state ?? (states[0] as S);
  if (!states.length || new Set(states).size !== states.length || !states.includes(current)) {
    throw new TypeError(`${subject}: states must be distinct and include the state "${current}", got [${states.join(', ')}]`);
  }
  const families = breakerFamilies(registry, buckets);
  const call = (outcome: string) => families.calls.labels({ name, outcome });
  const duration = (outcome: string) => families.durations.labels({ name, outcome });
  const state = new Map(states.map((s) => [s, families.state.labels({ name, state: s })]));
  // Every from/to pair exists from the start: increase() misses the first transition of a
  // series that appears with the value 1.
  const changes = new Map(
    states.map((from) => [
      from,
      new Map(states.filter((to) => to !== from).map((to) => [to, families.stateChanges.labels({ name, from, to })])),
    ]),
  );
  const failures = families.failures.labels({ name });
  const fallbacks = families.fallbacks.labels({ name });
  const [successes, failed, timeouts, rejections] = [call('success'), call('failure'), call('timeout'), call('rejected')];
  const [successTime, failureTime, timeoutTime] = [duration('success'), duration('failure'), duration('timeout')];
  for (const [s, series] of state) series.set(s === current ? 1 : 0);

  const observe = (histogram: HistogramChild, seconds: number | undefined): void => {
    if (seconds === undefined) return;
    if (!Number.isFinite(seconds)) {
      throw new TypeError(`${subject}: a call duration must be a finite number of seconds, got ${String(seconds)}`);
    }
    // Opossum measures with Date.now(), which steps back when the wall clock is corrected.
    histogram.observe(Math.max(0, seconds));
  };

  const known = (s: S): S => {
    if (!state.has(s)) throw new TypeError(`${subject}: unknown state "${s}", expected one of [${states.join(', ')}]`);
    return s;
  };

  return {
    stateChange: guard(onError, (first: S, second?: S) => {
      const [from, to] = second === undefined ? [current, known(first)] : [known(first), known(second)];
      if (from !== to) changes.get(from)?.get(to)?.inc();
      if (to === current) return;
      state.get(current)?.set(0);
      state.get(to)?.set(1);
      current = to;
    }),
    success: guard(onError, (seconds?: number) => {
      successes.inc();
      observe(successTime, seconds);
    }),
    failure: guard(onError, (error?: unknown, seconds?: number, counted?: boolean) => {
      failed.inc();
      if (counted ?? isFailure(error)) failures.inc();
      observe(failureTime, seconds);
    }),
    timeout: guard(onError, (seconds?: number) => {
      timeouts.inc();
      failures.inc();
      observe(timeoutTime, seconds);
    }),
    rejected: guard(onError, () => rejections.inc()),
    fallback: guard(onError, () => fallbacks.inc()),
  };
}
