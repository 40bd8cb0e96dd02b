import { createBreakerMetrics } from './breaker-metrics';
import type { BreakerBindingOptions } from './options';

/**
 * The states of an opossum breaker: shut down is final.
 *
 * @example
 * const state: OpossumState = breaker.isShutdown ? 'shutdown' : 'closed';
 */
export type OpossumState = 'closed' | 'open' | 'half_open' | 'shutdown';

// An EventEmitter's listeners take whatever the event carries; `any` is its declared type,
// which keeps opossum's own typings assignable to this interface.
type Listener = (...args: any[]) => void;

/**
 * The part of an opossum `CircuitBreaker` the binding uses, so that this package needs no
 * runtime import of opossum.
 *
 * @example
 * const breaker: OpossumBreaker = new CircuitBreaker(callService);
 */
export interface OpossumBreaker {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
  readonly opened: boolean;
  readonly halfOpen: boolean;
  readonly isShutdown: boolean;
}

const stateOf = (breaker: OpossumBreaker): OpossumState =>
  breaker.isShutdown ? 'shutdown' : breaker.opened ? 'open' : breaker.halfOpen ? 'half_open' : 'closed';

/**
 * Reports an opossum (9 or 10) breaker's state, state changes, failures and call outcomes; returns
 * a function that unsubscribes. Opossum reports latencies in milliseconds; they are recorded in
 * seconds. Errors its `errorFilter` accepts count as successes, as opossum counts them; a
 * `semaphoreLocked` call counts as a failure for the same reason; a failed health check shows
 * as the move to `open` it causes.
 *
 * @example
 * const breaker = new CircuitBreaker(callPayments, { timeout: 3000, resetTimeout: 30_000 });
 * const stop = instrumentOpossum(breaker, { name: 'payments' });
 */
export function instrumentOpossum(breaker: OpossumBreaker, options: BreakerBindingOptions): () => void {
  const metrics = createBreakerMetrics({ ...options, states: ['closed', 'open', 'half_open', 'shutdown'], state: stateOf(breaker) });
  // Opossum follows each `timeout` synchronously with the `failure` (or, when its errorFilter
  // accepts the error, the `success`) of the same call and the same error: that event, not
  // `timeout`, decides the call's one outcome.
  let timedOut: unknown;
  const listeners: Record<string, Listener> = {
    close: () => metrics.stateChange('closed'),
    open: () => metrics.stateChange('open'),
    halfOpen: () => metrics.stateChange('half_open'),
    shutdown: () => metrics.stateChange('shutdown'),
    timeout: (error: unknown) => (timedOut = error),
    success: (_result: unknown, latency: number) => {
      timedOut = undefined;
      metrics.success(latency / 1000);
    },
    failure: (error: unknown, latency: number) => {
      if (error !== undefined && error === timedOut) metrics.timeout(latency / 1000);
      else metrics.failure(error, latency / 1000);
      timedOut = undefined;
    },
    reject: () => metrics.rejected(),
    fallback: () => metrics.fallback(),
  };
  for (const [event, listener] of Object.entries(listeners)) breaker.on(event, listener);
  return () => {
    for (const [event, listener] of Object.entries(listeners)) breaker.removeListener(event, listener);
  };
}
