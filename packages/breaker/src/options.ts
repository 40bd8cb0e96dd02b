import type { InternalErrorHandler, LabelValue, Registry } from '@promkit/core';

/**
 * The states most circuit breakers have; a breaker with others lists them in `states`.
 *
 * @example
 * const state: BreakerState = 'half_open';
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

/**
 * Options of {@link createBreakerMetrics}.
 *
 * @example
 * const options: BreakerMetricsOptions<'closed' | 'open'> = { name: 'payments', states: ['closed', 'open'], labels: { service: 'checkout' } };
 */
export interface BreakerMetricsOptions<S extends string = BreakerState> {
  /** Value of the `name` label that tells this breaker apart, e.g. the service it protects. */
  readonly name: string;
  /** Registry the metrics are got or created in. Default: `defaultRegistry` of `@promkit/core`. */
  readonly registry?: Registry;
  /** Prepended to the name of every metric family, e.g. `'payments_'`. Default: `''`. */
  readonly prefix?: string;
  /** Static labels added to every series, e.g. `{ service: 'checkout' }`. Default: none. */
  readonly labels?: Readonly<Record<string, LabelValue>>;
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
   * Default: core's `errorSink`, which logs the first error with `console.error` and stays silent after.
   */
  readonly onInternalError?: InternalErrorHandler;
}

/**
 * Options of the library bindings (`instrumentOpossum`, `instrumentCockatiel`): those of
 * {@link createBreakerMetrics} but the states and the failure judgement, which the binding
 * reads from the library.
 *
 * @example
 * const options: BreakerBindingOptions = { name: 'payments', prefix: 'shop_', labels: { region: 'eu' } };
 */
export type BreakerBindingOptions = Omit<BreakerMetricsOptions, 'states' | 'state' | 'isFailure'>;
