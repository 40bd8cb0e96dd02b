import { createBreakerMetrics } from './breaker-metrics';
import type { BreakerBindingOptions } from './options';

/**
 * The states of a cockatiel breaker, in the order of its numeric `CircuitState`.
 *
 * @example
 * const state: CockatielState = 'isolated'; // CircuitState.Isolated
 */
export type CockatielState = 'closed' | 'open' | 'half_open' | 'isolated';

const STATES: readonly CockatielState[] = ['closed', 'open', 'half_open', 'isolated'];

/** A cockatiel event: subscribing returns a handle whose `dispose()` unsubscribes. */
type CockatielEvent<T> = (listener: (value: T) => void) => { dispose(): void };

/** A function cockatiel runs: it receives the call's abort signal. */
type Task<T> = (context: { readonly signal: AbortSignal }) => PromiseLike<T> | T;

/**
 * The part of a cockatiel `CircuitBreakerPolicy` the binding uses, so that this package needs
 * no runtime import of cockatiel.
 *
 * @example
 * const policy: CockatielBreaker = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
 */
export interface CockatielBreaker {
  readonly state: number;
  readonly onStateChange: CockatielEvent<number>;
  readonly onSuccess: CockatielEvent<{ readonly duration: number }>;
  readonly onFailure: CockatielEvent<{ readonly duration: number; readonly handled: boolean }>;
  execute<T>(fn: Task<T>, signal?: AbortSignal): Promise<T>;
}

// Cockatiel marks the errors of an open or isolated breaker (IsolatedCircuitError extends
// BrokenCircuitError) with this flag, for callers that cannot use instanceof either.
const isBrokenCircuit = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { isBrokenCircuitError?: unknown }).isBrokenCircuitError === true;

/**
 * Reports a cockatiel (v4) circuit breaker's state (its four `CircuitState`s), state changes,
 * failures and call outcomes; returns a function that unsubscribes. Durations are recorded in
 * seconds. Errors the policy does not handle count as failed calls but not as breaker
 * failures. Cockatiel emits no event for a call it short-circuits, so the binding wraps the
 * policy's `execute` to count those, and restores it on unsubscribe.
 *
 * @example
 * const policy = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
 * const stop = instrumentCockatiel(policy, { name: 'payments' });
 */
export function instrumentCockatiel(policy: CockatielBreaker, options: BreakerBindingOptions): () => void {
  const metrics = createBreakerMetrics({ ...options, states: STATES, state: STATES[policy.state] as CockatielState });
  const subscriptions = [
    policy.onStateChange((state) => metrics.stateChange(STATES[state] as CockatielState)),
    policy.onSuccess(({ duration }) => metrics.success(duration / 1000)),
    // `handled` is the policy's own verdict on the error: it alone decides whether it counts.
    policy.onFailure(({ duration, handled }) => metrics.failure(undefined, duration / 1000, handled)),
  ];

  const original = policy.execute;
  const hadOwn = Object.hasOwn(policy, 'execute');
  // Function.prototype.call erases the type parameter; the policy's own execute keeps it.
  const passThrough = <T>(fn: Task<T>, signal?: AbortSignal) => original.call(policy, fn, signal) as Promise<T>;
  // After waiting out a half-open trial, cockatiel calls `this.execute` again with the same
  // function: that inner call must not count the call a second time.
  const wrapped = new WeakSet<object>();
  let attached = true;
  const execute = <T>(fn: Task<T>, signal?: AbortSignal): Promise<T> => {
    if (!attached || wrapped.has(fn)) return passThrough(fn, signal);
    let ran = false;
    const run: Task<T> = (context) => {
      ran = true;
      return fn(context);
    };
    wrapped.add(run);
    // A BrokenCircuitError from a call that ran came from a breaker nested inside it: this
    // breaker counted that call as a failure, not a rejection.
    return passThrough(run, signal).catch((error: unknown) => {
      if (!ran && isBrokenCircuit(error)) metrics.rejected();
      throw error;
    });
  };
  policy.execute = execute;

  return () => {
    for (const subscription of subscriptions) subscription.dispose();
    attached = false;
    // Someone who wrapped `execute` after us still calls ours, which now only passes through.
    if (policy.execute !== execute) return;
    if (hadOwn) policy.execute = original;
    else Reflect.deleteProperty(policy, 'execute');
  };
}
