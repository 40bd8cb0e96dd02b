import type { Registry } from '@promkit/core';
import { expect } from 'vitest';

/**
 * The sample lines of the registry's text exposition whose sample name is exactly `name`
 * (`circuit_breaker_state` does not match `circuit_breaker_state_changes_total`), in order.
 */
export const samples = (registry: Registry, name: string): string[] =>
  registry
    .metrics()
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

/** The expected `circuit_breaker_state` lines of breaker `name`: `current` is 1, the other `states` 0. */
export const stateSamples = (name: string, states: readonly string[], current: string): string[] =>
  states.map((state) => `circuit_breaker_state{name="${name}",state="${state}"} ${state === current ? 1 : 0}`);

/** The expected `circuit_breaker_calls_total` lines of breaker `name`; outcomes left out are 0. */
export const callSamples = (name: string, counts: Partial<Record<'success' | 'failure' | 'timeout' | 'rejected', number>>): string[] =>
  (['success', 'failure', 'timeout', 'rejected'] as const).map(
    (outcome) => `circuit_breaker_calls_total{name="${name}",outcome="${outcome}"} ${counts[outcome] ?? 0}`,
  );

/** The expected `circuit_breaker_failures_total` line of breaker `name`. */
export const failureSamples = (name: string, count: number): string[] => [`circuit_breaker_failures_total{name="${name}"} ${count}`];

/** The `circuit_breaker_state_changes_total` lines that are not 0: the transitions that happened. */
export const transitions = (registry: Registry): string[] =>
  samples(registry, 'circuit_breaker_state_changes_total').filter((line) => !line.endsWith(' 0'));

/** The expected line of `count` transitions of breaker `name` from `from` to `to`. */
export const transition = (name: string, from: string, to: string, count = 1): string =>
  `circuit_breaker_state_changes_total{name="${name}",from="${from}",to="${to}"} ${count}`;

/** Asserts that breaker `name` is closed after one round trip: closed → open → half_open → closed. */
export function expectRoundTrip(registry: Registry, name: string, states: readonly string[]): void {
  expect(samples(registry, 'circuit_breaker_state').filter((line) => line.includes(`name="${name}"`))).toEqual(
    stateSamples(name, states, 'closed'),
  );
  expect(transitions(registry)).toEqual([
    transition(name, 'closed', 'open'),
    transition(name, 'open', 'half_open'),
    transition(name, 'half_open', 'closed'),
  ]);
}
