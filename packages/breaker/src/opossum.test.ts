import { createRequire } from 'node:module';
import { Registry } from '@promkit/core';
import CircuitBreaker from 'opossum';
import CircuitBreaker9 from 'opossum9';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { after, settle, useFakeTimers } from '../test/calls';
import { callSamples, expectRoundTrip, failureSamples, samples, stateSamples, transition, transitions } from '../test/samples';
import { instrumentOpossum } from './opossum';

const STATES = ['closed', 'open', 'half_open', 'shutdown'];

// Opossum measures latency with Date.now() and schedules with setTimeout: fake timers make
// every duration exact. Node 20 installs opossum 9 (opossum 10 needs Node 22): both run every test.
describe.each([
  ['opossum 10', 'opossum', CircuitBreaker],
  ['opossum 9', 'opossum9', CircuitBreaker9],
])('instrumentOpossum with %s', (version, module, Breaker) => {
  useFakeTimers();
  let registry: Registry;
  beforeEach(() => {
    registry = new Registry();
  });

  const breakerOf = (options: CircuitBreaker.Options<[number, boolean?]> = {}) =>
    new Breaker((ms: number, fail?: boolean) => after(ms, fail), {
      timeout: 50,
      resetTimeout: 100,
      errorThresholdPercentage: 50,
      volumeThreshold: 2,
      ...options,
    });

  const state = (current: string, name = 'api') => stateSamples(name, STATES, current);

  it('runs against the opossum version it names', () => {
    const { version: installed } = createRequire(import.meta.url)(`${module}/package.json`) as { version: string };
    expect(`opossum ${installed.split('.')[0]}`).toBe(version);
  });

  it('follows a breaker from closed to open on failures and a timeout, rejects, half-opens and closes on success', async () => {
    const breaker = breakerOf();
    instrumentOpossum(breaker, { name: 'api', registry, buckets: [0.025] });
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('closed'));
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', {}));

    expect(await settle(breaker.fire(10), 10)).toBe('ok');
    expect(await settle(breaker.fire(20, true), 20)).toBe('down');
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('closed'));
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 1));

    expect(await settle(breaker.fire(200), 50)).toBe('Timed out after 50ms');
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('open'));
    expect(transitions(registry)).toEqual([transition('api', 'closed', 'open')]);
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 2));
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { success: 1, failure: 1, timeout: 1 }));

    expect(await settle(breaker.fire(10))).toBe('Breaker is open');
    expect(await settle(breaker.fire(10))).toBe('Breaker is open');
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { success: 1, failure: 1, timeout: 1, rejected: 2 }));

    await vi.advanceTimersByTimeAsync(100);
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('half_open'));
    expect(transitions(registry)).toEqual([transition('api', 'closed', 'open'), transition('api', 'open', 'half_open')]);

    expect(await settle(breaker.fire(5), 5)).toBe('ok');
    expectRoundTrip(registry, 'api', STATES);
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 2));
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { success: 2, failure: 1, timeout: 1, rejected: 2 }));
    expect(samples(registry, 'circuit_breaker_call_duration_seconds_bucket')).toEqual([
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="success",le="0.025"} 2',
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="success",le="+Inf"} 2',
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="failure",le="0.025"} 1',
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="failure",le="+Inf"} 1',
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="timeout",le="0.025"} 0',
      'circuit_breaker_call_duration_seconds_bucket{name="api",outcome="timeout",le="+Inf"} 1',
    ]);
    expect(samples(registry, 'circuit_breaker_call_duration_seconds_sum')).toEqual([
      'circuit_breaker_call_duration_seconds_sum{name="api",outcome="success"} 0.015',
      'circuit_breaker_call_duration_seconds_sum{name="api",outcome="failure"} 0.02',
      'circuit_breaker_call_duration_seconds_sum{name="api",outcome="timeout"} 0.05',
    ]);
    breaker.shutdown();
  });

  it('opens again when the half-open trial call fails', async () => {
    const breaker = breakerOf({ volumeThreshold: 0 });
    instrumentOpossum(breaker, { name: 'api', registry });
    await settle(breaker.fire(1, true), 1);
    await vi.advanceTimersByTimeAsync(100);
    expect(await settle(breaker.fire(1, true), 1)).toBe('down');
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('open'));
    expect(transitions(registry)).toEqual([transition('api', 'closed', 'open'), transition('api', 'open', 'half_open'), transition('api', 'half_open', 'open')]);
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 2));
    breaker.shutdown();
  });

  it('names its families with the prefix and adds the static labels', async () => {
    const breaker = breakerOf();
    instrumentOpossum(breaker, { name: 'api', registry, prefix: 'shop_', labels: { region: 'eu' } });
    await settle(breaker.fire(1), 1);
    expect(registry.metrics()).toContain('shop_circuit_breaker_calls_total{name="api",outcome="success",region="eu"} 1\n');
    breaker.shutdown();
  });

  it('shows a shut-down breaker in the shutdown state', () => {
    const breaker = breakerOf();
    instrumentOpossum(breaker, { name: 'api', registry });
    breaker.shutdown();
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('shutdown'));
    expect(transitions(registry)).toEqual([transition('api', 'closed', 'shutdown')]);
  });

  it('starts from the state the breaker is in', () => {
    const breaker = breakerOf();
    breaker.open();
    instrumentOpossum(breaker, { name: 'api', registry });
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('open'));
    breaker.shutdown();
  });

  it('counts fallbacks, for failed and for rejected calls', async () => {
    const breaker = breakerOf({ volumeThreshold: 0 });
    breaker.fallback(() => 'cached');
    instrumentOpossum(breaker, { name: 'api', registry });
    expect(await settle(breaker.fire(1, true), 1)).toBe('cached');
    expect(await settle(breaker.fire(1))).toBe('cached');
    expect(samples(registry, 'circuit_breaker_fallbacks_total')).toEqual(['circuit_breaker_fallbacks_total{name="api"} 2']);
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { failure: 1, rejected: 1 }));
    breaker.shutdown();
  });

  it('counts errors the errorFilter accepts as successes, as opossum does', async () => {
    const breaker = breakerOf({ errorFilter: () => true });
    instrumentOpossum(breaker, { name: 'api', registry });
    expect(await settle(breaker.fire(1, true), 1)).toBe('down');
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { success: 1 }));
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 0));
    breaker.shutdown();
  });

  it('counts a call refused by the semaphore as a failure, as opossum does', async () => {
    const breaker = breakerOf({ capacity: 1, volumeThreshold: 10 });
    instrumentOpossum(breaker, { name: 'api', registry });
    const first = settle(breaker.fire(10));
    expect(await settle(breaker.fire(10))).toBe('Semaphore locked');
    await vi.advanceTimersByTimeAsync(10);
    expect(await first).toBe('ok');
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { success: 1, failure: 1 }));
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 1));
    breaker.shutdown();
  });

  it('shows a failed health check as the opening it causes', async () => {
    const breaker = breakerOf();
    instrumentOpossum(breaker, { name: 'api', registry });
    breaker.healthCheck(() => Promise.reject(new Error('unhealthy')), 1000);
    await vi.advanceTimersByTimeAsync(0);
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('open'));
    expect(transitions(registry)).toEqual([transition('api', 'closed', 'open')]);
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('api', 0));
    breaker.shutdown();
  });

  it('keeps two breakers sharing one registry apart', async () => {
    const [a, b] = [breakerOf({ volumeThreshold: 0 }), breakerOf()];
    instrumentOpossum(a, { name: 'a', registry });
    instrumentOpossum(b, { name: 'b', registry });
    await settle(a.fire(1, true), 1);
    await settle(b.fire(1), 1);
    expect(samples(registry, 'circuit_breaker_state')).toEqual([...state('open', 'a'), ...state('closed', 'b')]);
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual([...callSamples('a', { failure: 1 }), ...callSamples('b', { success: 1 })]);
    a.shutdown();
    b.shutdown();
  });

  it('reuses the series when a new breaker is instrumented under the same name (hot reload)', async () => {
    const old = breakerOf();
    const stopOld = instrumentOpossum(old, { name: 'api', registry });
    await settle(old.fire(1), 1);
    stopOld();
    old.shutdown();
    const reloaded = breakerOf();
    instrumentOpossum(reloaded, { name: 'api', registry });
    await settle(reloaded.fire(1), 1);
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('api', { success: 2 }));
    expect(samples(registry, 'circuit_breaker_state')).toEqual(state('closed'));
    reloaded.shutdown();
  });

  it('stops updating once unsubscribed and removes every listener it added', async () => {
    const breaker = breakerOf({ volumeThreshold: 0 });
    const events = ['open', 'halfOpen', 'close', 'shutdown', 'success', 'failure', 'timeout', 'reject', 'fallback'];
    const count = () => events.map((event) => breaker.listenerCount(event));
    const before = count();
    const stop = instrumentOpossum(breaker, { name: 'api', registry });
    stop();
    expect(count()).toEqual(before);
    const exposition = registry.metrics();
    await settle(breaker.fire(1, true), 1);
    await settle(breaker.fire(1));
    expect(registry.metrics()).toBe(exposition);
    breaker.shutdown();
  });

  it('never throws into opossum’s event emission; problems go to onInternalError', () => {
    const breaker = breakerOf();
    const onInternalError = vi.fn(() => {
      throw new Error('reporter down');
    });
    instrumentOpossum(breaker, { name: 'api', registry, onInternalError });
    expect(() => breaker.emit('success', 'ok', undefined)).not.toThrow();
    expect(onInternalError).toHaveBeenCalledOnce();
    breaker.shutdown();
  });
});
