import { Registry } from '@promkit/core';
import { CircuitState, circuitBreaker, ConsecutiveBreaker, handleAll, handleWhen } from 'cockatiel';
import CircuitBreaker from 'opossum';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { after, settle, useFakeTimers } from '../test/calls';
import { callSamples, expectRoundTrip, failureSamples, samples, stateSamples, transition, transitions } from '../test/samples';
import { instrumentCockatiel } from './cockatiel';
import { instrumentOpossum } from './opossum';

const STATES = ['closed', 'open', 'half_open', 'isolated'];
const BROKEN = 'Execution prevented because the circuit breaker is open';

// Cockatiel measures durations with performance.now() and the open period with Date.now():
// fake timers make both exact.
describe('instrumentCockatiel', () => {
  useFakeTimers();
  let registry: Registry;
  beforeEach(() => {
    registry = new Registry();
  });

  // Opens after two handled failures in a row; errors other than 'down' pass through unhandled.
  const policyOf = () =>
    circuitBreaker(
      handleWhen((error) => error instanceof Error && error.message === 'down'),
      { halfOpenAfter: 100, breaker: new ConsecutiveBreaker(2) },
    );

  const state = (current: string, name = 'api') => stateSamples(name, STATES, current);
  /** Opens `policy` with two handled failures. */
  const trip = async (policy: ReturnType<typeof policyOf>) => {
    await settle(policy.execute(() => after(1, true)), 1);
    await settle(policy.execute(() => after(1, true)), 1);
  };

  it('follows a breaker from closed to open on failures, rejects, half-opens after the backoff and closes on success', async () => {
    const policy = policyOf();
    instrumentCockatiel(policy, { name: 'api', registry, buckets: [0.025] });
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('closed'));

    expect(await settle(policy.execute(() => after(10)), 10)).toBe('ok');
    expect(await settle(policy.execute(() => after(20, true)), 20)).toBe('down');
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('closed'));
    expect(await settle(policy.execute(() => after(30, true)), 30)).toBe('down');
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('open'));
    expect(transitions(registry)).toEqual([transition('api', 'closed', 'open')]);
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 2));

    expect(await settle(policy.execute(() => after(1)))).toBe(BROKEN);
    expect(await settle(policy.execute(() => after(1)))).toBe(BROKEN);
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { success: 1, failure: 2, rejected: 2 }));

    // Cockatiel half-opens on the first call after the backoff, not when it ends.
    await vi.advanceTimersByTimeAsync(100);
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('open'));
    const trial = policy.execute(() => after(5));
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('half_open'));
    expect(await settle(trial, 5)).toBe('ok');

    expectRoundTrip(registry, 'api', STATES);
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 2));
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { success: 2, failure: 2, rejected: 2 }));
    expect(samples(registry, 'circuit_breaker_call_duration_seconds_bucket')).toEqual([
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="success",le="0.025"} 2',
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="success",le="+Inf"} 2',
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="failure",le="0.025"} 1',
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="failure",le="+Inf"} 2',
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="timeout",le="0.025"} 0',
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="timeout",le="+Inf"} 0',
    ]);
    expect(samples(registry, 'circuit_breaker_call_duration_seconds_sum')).toEqual([
      'circuit_breaker_call_duration_seconds_sum{name="api",outcome="success"} 0.015',
      'circuit_breaker_call_duration_seconds_sum{name="api",outcome="failure"} 0.05',
      'circuit_breaker_call_duration_seconds_sum{name="api",outcome="timeout"} 0',
    ]);
  });

  it('shows isolate() as the isolated state, rejects calls while isolated and closes on dispose()', async () => {
    const policy = policyOf();
    instrumentCockatiel(policy, { name: 'api', registry });
    const isolation = policy.isolate();
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('isolated'));
    expect(await settle(policy.execute(() => after(1)))).toBe(BROKEN);
    isolation.dispose();
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('closed'));
    expect(transitions(registry)).toEqual([transition('api', 'closed', 'isolated'), transition('api', 'isolated', 'closed')]);
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { rejected: 1 }));
  });

  it('opens again when the half-open trial fails, and counts a call that waited for the trial once', async () => {
    const policy = policyOf();
    instrumentCockatiel(policy, { name: 'api', registry });
    await trip(policy);
    await vi.advanceTimersByTimeAsync(100);
    const trial = settle(policy.execute(() => after(10, true)));
    const waiting = settle(policy.execute(() => after(1)));
    await vi.advanceTimersByTimeAsync(10);
    expect([await trial, await waiting]).toEqual(['down', BROKEN]);
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('open'));
    expect(transitions(registry)).toEqual([transition('api', 'closed', 'open'), transition('api', 'open', 'half_open'), transition('api', 'half_open', 'open')]);
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { failure: 3, rejected: 1 }));
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 3));
  });

  it('counts an error the policy does not handle as a failed call but not as a breaker failure', async () => {
    const policy = policyOf();
    instrumentCockatiel(policy, { name: 'api', registry });
    expect(await settle(policy.execute(() => Promise.reject(new Error('bad request'))))).toBe('bad request');
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { failure: 1 }));
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 0));
  });

  it('counts an open breaker nested inside the call as a failure of the outer breaker, not a rejection', async () => {
    const inner = policyOf();
    await trip(inner);
    const outer = circuitBreaker(handleAll, { halfOpenAfter: 100, breaker: new ConsecutiveBreaker(5) });
    instrumentCockatiel(outer, { name: 'api', registry });
    expect(await settle(outer.execute(() => inner.execute(() => after(1))))).toBe(BROKEN);
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { failure: 1 }));
  });

  it('starts from the state the breaker is in', () => {
    const policy = policyOf();
    policy.isolate();
    expect(policy.state).toBe(CircuitState.Isolated);
    instrumentCockatiel(policy, { name: 'api', registry });
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('isolated'));
  });

  it('shares one registry with an opossum breaker, each with its own states', async () => {
    const policy = policyOf();
    const breaker = new CircuitBreaker(async () => 'ok');
    instrumentCockatiel(policy, { name: 'api', registry });
    instrumentOpossum(breaker, { name: 'legacy', registry });
    await trip(policy);
    await breaker.fire();
    expect(samples(registry, 'circuit_breaker_state')).toEqual([
      ...state('open'),
      ...stateSamples('legacy', ['closed', 'open', 'half_open', 'shutdown'], 'closed'),
    ]);
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual([
      ...callSamples('api', { failure: 2 }),
      ...callSamples('legacy', { success: 1 }),
    ]);
    breaker.shutdown();
  });

  it('reuses the series when a new policy is instrumented under the same name (hot reload)', async () => {
    const old = policyOf();
    instrumentCockatiel(old, { name: 'api', registry })();
    const reloaded = policyOf();
    instrumentCockatiel(reloaded, { name: 'api', registry });
    await trip(reloaded);
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 2));
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('open'));
  });

  it('stops updating once unsubscribed and gives the policy its own execute back', async () => {
    const policy = policyOf();
    const stop = instrumentCockatiel(policy, { name: 'api', registry });
    expect(Object.hasOwn(policy, 'execute')).toBe(true);
    stop();
    expect(Object.hasOwn(policy, 'execute')).toBe(false);
    const exposition = registry.metrics();
    await trip(policy);
    await settle(policy.execute(() => after(1)));
    expect(registry.metrics()).toBe(exposition);
  });

  it('only passes through after unsubscribing when someone wrapped execute after it', async () => {
    const policy = policyOf();
    const stop = instrumentCockatiel(policy, { name: 'api', registry });
    const ours = policy.execute;
    const theirs = ((fn, signal) => ours.call(policy, fn, signal)) as typeof policy.execute;
    policy.execute = theirs;
    stop();
    expect(policy.execute).toBe(theirs);
    const exposition = registry.metrics();
    await trip(policy);
    expect(await settle(policy.execute(() => after(1)))).toBe(BROKEN);
    expect(registry.metrics()).toBe(exposition);
  });
});
