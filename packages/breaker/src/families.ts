import type { Registry } from '@promkit/core';

/**
 * Gets or creates the metric families every breaker reports into. Get-or-create is what lets
 * many breakers share one registry, and a hot-reloaded module instrument the same breaker name
 * again: the second call returns the families the first one registered.
 */
export function breakerFamilies(registry: Registry, buckets: readonly number[]) {
  return {
    state: registry.gauge({
      name: 'circuit_breaker_state',
      help: 'State of the circuit breaker: 1 for the state it is in, 0 for the others.',
      labelNames: ['name', 'state'],
    }),
    stateChanges: registry.counter({
      name: 'circuit_breaker_state_changes_total',
      help: 'State changes of the circuit breaker, by previous and new state.',
      labelNames: ['name', 'from', 'to'],
    }),
    failures: registry.counter({
      name: 'circuit_breaker_failures_total',
      help: 'Failures the circuit breaker counted toward opening: errors it handles and timeouts.',
      labelNames: ['name'],
    }),
    calls: registry.counter({
      name: 'circuit_breaker_calls_total',
      help: 'Calls through the circuit breaker, by outcome: success, failure, rejected (short-circuited while open) or timeout.',
      labelNames: ['name', 'outcome'],
    }),
    fallbacks: registry.counter({
      name: 'circuit_breaker_fallbacks_total',
      help: 'Fallbacks the circuit breaker ran in place of a failed or rejected call.',
      labelNames: ['name'],
    }),
    durations: registry.histogram({
      name: 'circuit_breaker_call_duration_seconds',
      help: 'Duration of the calls the circuit breaker let through, by outcome.',
      labelNames: ['name', 'outcome'],
      unit: 'seconds',
      buckets,
    }),
  };
}
