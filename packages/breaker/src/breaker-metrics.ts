import { DEFAULT_BUCKETS, defaultRegistry, errorSink, type HistogramChild, type InternalErrorHandler } from '@promkit/core';
import { type BreakerSeries, breakerSeries } from './breaker-series';
import { breakerFamilies } from './families';
import type { BreakerMetricsOptions, BreakerState } from './options';

const DEFAULT_STATES: readonly BreakerState[] = ['closed', 'open', 'half_open'];

// The labels the breaker metrics set themselves; `le` is the histogram's.
const OWN_LABELS = ['name', 'state', 'from', 'to', 'outcome', 'le'];

/**
 * What a breaker tells its metrics. Every method is safe to call from inside the breaker's
 * event emission: nothing it does throws; problems go to `onInternalError`.
 *
 * @example
 * const metrics = createBreakerMetrics({ name: 'payments' });
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

// Setup errors throw: they are the caller's mistake, found once, at startup.
function checkOptions(subject: string, states: readonly string[], current: string, labels: object): void {
  if (!states.length || new Set(states).size !== states.length || !states.includes(current)) {
    throw new TypeError(`${subject}: states must be distinct and include the state "${current}", got [${states.join(', ')}]`);
  }
  const taken = Object.keys(labels).find((label) => OWN_LABELS.includes(label));
  if (taken) throw new TypeError(`${subject}: static label "${taken}" is one the breaker metrics set themselves (${OWN_LABELS.join(', ')})`);
}

// The last line of defence: metrics must never break the breaker they watch.
const guard =
  <A extends unknown[]>(report: InternalErrorHandler, update: (...args: A) => void) =>
  (...args: A): void => {
    try {
      update(...args);
    } catch (error) {
      report(error);
    }
  };

/** The state gauge and transition counters of one breaker, and the state it is in. */
function stateTracker<S extends string>(subject: string, series: Pick<BreakerSeries<S>, 'state' | 'changes'>, states: readonly S[], initial: S) {
  let current = initial;
  for (const [state, gauge] of series.state) gauge.set(state === current ? 1 : 0);
  const known = (state: S): S => {
    if (!series.state.has(state)) throw new TypeError(`${subject}: unknown state "${state}", expected one of [${states.join(', ')}]`);
    return state;
  };
  return (first: S, second?: S): void => {
    const [from, to] = second === undefined ? [current, known(first)] : [known(first), known(second)];
    if (from !== to) series.changes.get(from)?.get(to)?.inc();
    if (to === current) return;
    series.state.get(current)?.set(0);
    series.state.get(to)?.set(1);
    current = to;
  };
}

/** Records a call duration; a wall clock stepping back (opossum measures with Date.now()) records 0. */
const observer =
  (subject: string) =>
  (histogram: HistogramChild, seconds: number | undefined): void => {
    if (seconds === undefined) return;
    if (!Number.isFinite(seconds)) throw new TypeError(`${subject}: a call duration must be a finite number of seconds, got ${String(seconds)}`);
    histogram.observe(Math.max(0, seconds));
  };

/**
 * Creates the metrics of one circuit breaker and returns the methods that update them. Every
 * series exists from this call on (the given state 1, every counter 0), so dashboards and
 * alerts see the breaker before anything happens to it. Throws on invalid options or a
 * registry conflict; never afterwards.
 *
 * @example
 * const metrics = createBreakerMetrics({ name: 'payments', registry });
 * try {
 *   const started = performance.now();
 *   await charge();
 *   metrics.success((performance.now() - started) / 1000);
 * } catch (error) {
 *   metrics.failure(error);
 * }
 */
export function createBreakerMetrics<const S extends string = BreakerState>(options: BreakerMetricsOptions<S>): BreakerMetrics<S> {
  const { name, registry = defaultRegistry, prefix = '', labels = {}, buckets = DEFAULT_BUCKETS, isFailure = () => true } = options;
  const states = options.states ?? (DEFAULT_STATES as readonly string[] as readonly S[]);
  const initial = options.state ?? (states[0] as S);
  const subject = `circuit breaker "${name}"`;
  checkOptions(subject, states, initial, labels);
  const families = breakerFamilies(registry, { prefix, extra: Object.keys(labels), buckets });
  const series = breakerSeries(families, name, states, labels);
  const { calls, durations, failures, fallbacks } = series;
  const stateChange = stateTracker(subject, series, states, initial);
  const observe = observer(subject);
  const report = errorSink(options.onInternalError, 'circuit breaker metrics');
  return {
    stateChange: guard(report, stateChange),
    success: guard(report, (seconds?: number) => {
      calls.success.inc();
      observe(durations.success, seconds);
    }),
    failure: guard(report, (error?: unknown, seconds?: number, counted?: boolean) => {
      calls.failure.inc();
      if (counted ?? isFailure(error)) failures.inc();
      observe(durations.failure, seconds);
    }),
    timeout: guard(report, (seconds?: number) => {
      calls.timeout.inc();
      failures.inc();
      observe(durations.timeout, seconds);
    }),
    rejected: guard(report, () => calls.rejected.inc()),
    fallback: guard(report, () => fallbacks.inc()),
  };
}
