import type { LabelValue } from '@promkit/core';
import type { BreakerFamilies } from './families';

type Static = Readonly<Record<string, LabelValue>>;

/** Every series of one breaker, bound once so that an update is one call on a bound child. */
export function breakerSeries<S extends string>(families: BreakerFamilies, name: string, states: readonly S[], labels: Static) {
  const own = { ...labels, name };
  const call = (outcome: string) => families.calls.labels({ ...own, outcome });
  const duration = (outcome: string) => families.durations.labels({ ...own, outcome });
  return {
    state: new Map(states.map((state) => [state, families.state.labels({ ...own, state })])),
    // Every from/to pair exists from the start: increase() misses the first transition of a
    // series that appears with the value 1.
    changes: new Map(
      states.map((from) => [from, new Map(states.filter((to) => to !== from).map((to) => [to, families.stateChanges.labels({ ...own, from, to })]))]),
    ),
    failures: families.failures.labels(own),
    fallbacks: families.fallbacks.labels(own),
    calls: { success: call('success'), failure: call('failure'), timeout: call('timeout'), rejected: call('rejected') },
    durations: { success: duration('success'), failure: duration('failure'), timeout: duration('timeout') },
  };
}

/** The series of {@link breakerSeries}. */
export type BreakerSeries<S extends string> = ReturnType<typeof breakerSeries<S>>;
