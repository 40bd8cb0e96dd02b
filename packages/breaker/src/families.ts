import type { Registry } from '@promkit/core';

/** What the families of a registry are named and labelled by: the options they share. */
export interface FamilyOptions {
  readonly prefix: string;
  /** Names of the static labels, after each family's own. */
  readonly extra: readonly string[];
  readonly buckets: readonly number[];
}

/**
 * Gets or creates the metric families every breaker reports into. Get-or-create is what lets
 * many breakers share one registry, and a hot-reloaded module instrument the same breaker name
 * again: the second call returns the families the first one registered.
 */
export function breakerFamilies(registry: Registry, { prefix, extra, buckets }: FamilyOptions) {
  const name = (family: string) => `${prefix}circuit_breaker_${family}`;
  return {
    state: registry.gauge({
      name: name('state'),
      help: 'State of the circuit breaker: 1 for the state it is in, 0 for the others.',
      labelNames: ['name', 'state', ...extra],
    }),
    stateChanges: registry.counter({
      name: name('state_changes_total'),
      help: 'State changes of the circuit breaker, by previous and new state.',
      labelNames: ['name', 'from', 'to', ...extra],
    }),
    failures: registry.counter({
      name: name('failures_total'),
      help: 'Failures the circuit breaker counted toward opening: errors it handles and timeouts.',
      labelNames: ['name', ...extra],
    }),
    calls: registry.counter({
      name: name('calls_total'),
      help: 'Calls through the circuit breaker, by outcome: success, failure, rejected (short-circuited while open) or timeout.',
      labelNames: ['name', 'outcome', ...extra],
    }),
    fallbacks: registry.counter({
      name: name('fallbacks_total'),
      help: 'Fallbacks the circuit breaker ran in place of a failed or rejected call.',
      labelNames: ['name', ...extra],
    }),
    durations: registry.histogram({
      name: name('call_duration_seconds'),
      help: 'Duration of the calls the circuit breaker let through, by outcome.',
      labelNames: ['name', 'outcome', ...extra],
      unit: 'seconds',
      buckets,
    }),
  };
}

/** The families of {@link breakerFamilies}. */
export type BreakerFamilies = ReturnType<typeof breakerFamilies>;
