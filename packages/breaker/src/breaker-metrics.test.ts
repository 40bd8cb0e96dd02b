import { Registry } from '@promkit/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { after, settle, useFakeTimers } from '../test/calls';
import { callSamples, expectRoundTrip, failureSamples, samples, stateSamples, transition, transitions } from '../test/samples';
import { type BreakerMetrics, type BreakerState, createBreakerMetrics } from './index';

const STATES = ['closed', 'open', 'half_open'];

/** A breaker as someone might write it by hand: opens after `threshold` failures in a row. */
class TinyBreaker {
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;

  constructor(
    readonly metrics: BreakerMetrics,
    readonly threshold: number,
    readonly resetMs: number,
  ) {}

  async call<T>(action: () => Promise<T>): Promise<T> {
    if (this.#state === 'open') {
      if (Date.now() - this.#openedAt < this.resetMs) {
        this.metrics.rejected();
        throw new Error('breaker is open');
      }
      this.#move('half_open');
    }
    const started = Date.now();
    try {
      const result = await action();
      this.metrics.success((Date.now() - started) / 1000);
      this.#failures = 0;
      if (this.#state === 'half_open') this.#move('closed');
      return result;
    } catch (error) {
      this.metrics.failure(error, (Date.now() - started) / 1000);
      if (++this.#failures >= this.threshold || this.#state === 'half_open') {
        this.#openedAt = Date.now();
        this.#move('open');
      }
      throw error;
    }
  }

  #move(to: BreakerState): void {
    this.metrics.stateChange(this.#state, to);
    this.#state = to;
  }
}

describe('createBreakerMetrics', () => {
  let registry: Registry;
  beforeEach(() => {
    registry = new Registry();
  });

  it('exposes every series from creation on: the state closed = 1, every counter 0', () => {
    createBreakerMetrics({ name: 'db', registry, buckets: [0.1] });
    expect(registry.metrics()).toBe(
      [
        '# HELP circuit_breaker_state State of the circuit breaker: 1 for the state it is in, 0 for the others.',
        '# TYPE circuit_breaker_state gauge',
        'circuit_breaker_state{name="db",state="closed"} 1',
        'circuit_breaker_state{name="db",state="open"} 0',
        'circuit_breaker_state{name="db",state="half_open"} 0',
        '# HELP circuit_breaker_state_changes_total State changes of the circuit breaker, by previous and new state.',
        '# TYPE circuit_breaker_state_changes_total counter',
        'circuit_breaker_state_changes_total{name="db",from="closed",to="open"} 0',
        'circuit_breaker_state_changes_total{name="db",from="closed",to="half_open"} 0',
        'circuit_breaker_state_changes_total{name="db",from="open",to="closed"} 0',
        'circuit_breaker_state_changes_total{name="db",from="open",to="half_open"} 0',
        'circuit_breaker_state_changes_total{name="db",from="half_open",to="closed"} 0',
        'circuit_breaker_state_changes_total{name="db",from="half_open",to="open"} 0',
        '# HELP circuit_breaker_failures_total Failures the circuit breaker counted toward opening: errors it handles and timeouts.',
        '# TYPE circuit_breaker_failures_total counter',
        'circuit_breaker_failures_total{name="db"} 0',
        '# HELP circuit_breaker_calls_total Calls through the circuit breaker, by outcome: success, failure, rejected (short-circuited while open) or timeout.',
        '# TYPE circuit_breaker_calls_total counter',
        'circuit_breaker_calls_total{name="db",outcome="success"} 0',
        'circuit_breaker_calls_total{name="db",outcome="failure"} 0',
        'circuit_breaker_calls_total{name="db",outcome="timeout"} 0',
        'circuit_breaker_calls_total{name="db",outcome="rejected"} 0',
        '# HELP circuit_breaker_fallbacks_total Fallbacks the circuit breaker ran in place of a failed or rejected call.',
        '# TYPE circuit_breaker_fallbacks_total counter',
        'circuit_breaker_fallbacks_total{name="db"} 0',
        '# HELP circuit_breaker_call_duration_seconds Duration of the calls the circuit breaker let through, by outcome.',
        '# TYPE circuit_breaker_call_duration_seconds histogram',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="success",le="0.1"} 0',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="success",le="+Inf"} 0',
        'circuit_breaker_call_duration_seconds_sum{name="db",outcome="success"} 0',
        'circuit_breaker_call_duration_seconds_count{name="db",outcome="success"} 0',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="failure",le="0.1"} 0',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="failure",le="+Inf"} 0',
        'circuit_breaker_call_duration_seconds_sum{name="db",outcome="failure"} 0',
        'circuit_breaker_call_duration_seconds_count{name="db",outcome="failure"} 0',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="timeout",le="0.1"} 0',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="timeout",le="+Inf"} 0',
        'circuit_breaker_call_duration_seconds_sum{name="db",outcome="timeout"} 0',
        'circuit_breaker_call_duration_seconds_count{name="db",outcome="timeout"} 0',
        '',
      ].join('\n'),
    );
  });

  it('declares the duration histogram in seconds for OpenMetrics', () => {
    createBreakerMetrics({ name: 'db', registry });
    expect(registry.metrics('openmetrics')).toContain(
      '# TYPE circuit_breaker_call_duration_seconds histogram\n# UNIT circuit_breaker_call_duration_seconds seconds\n',
    );
  });

  describe('with a hand-written breaker', () => {
    useFakeTimers();

    it('follows it from closed to open, rejected calls, half-open and closed again', async () => {
      const breaker = new TinyBreaker(createBreakerMetrics({ name: 'db', registry, buckets: [0.05] }), 2, 100);
      const call = (ms: number, fail = false) => settle(breaker.call(() => after(ms, fail)), ms);

      expect(await call(10)).toBe('ok');
      expect(await call(20, true)).toBe('down');
      expect(await call(60, true)).toBe('down');
      expect(samples(registry, 'circuit_breaker_state')).toEqual(stateSamples('db', STATES, 'open'));

      expect(await call(0)).toBe('breaker is open');
      expect(await call(0)).toBe('breaker is open');
      await vi.advanceTimersByTimeAsync(100);
      expect(await call(30)).toBe('ok');

      expectRoundTrip(registry, 'db', STATES);
      expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('db', 2));
      expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('db', { success: 2, failure: 2, rejected: 2 }));
      expect(samples(registry, 'circuit_breaker_call_duration_seconds_bucket')).toEqual([
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="success",le="0.05"} 2',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="success",le="+Inf"} 2',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="failure",le="0.05"} 1',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="failure",le="+Inf"} 2',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="timeout",le="0.05"} 0',
        'circuit_breaker_call_duration_seconds_bucket{name="db",outcome="timeout",le="+Inf"} 0',
      ]);
      expect(samples(registry, 'circuit_breaker_call_duration_seconds_sum')).toEqual([
        'circuit_breaker_call_duration_seconds_sum{name="db",outcome="success"} 0.04',
        'circuit_breaker_call_duration_seconds_sum{name="db",outcome="failure"} 0.08',
        'circuit_breaker_call_duration_seconds_sum{name="db",outcome="timeout"} 0',
      ]);
    });
  });

  it('counts a timeout as its own outcome and as a breaker failure', () => {
    const metrics = createBreakerMetrics({ name: 'db', registry });
    metrics.timeout(1.5);
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual(callSamples('db', { timeout: 1 }));
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('db', 1));
    expect(samples(registry, 'circuit_breaker_call_duration_seconds_sum')).toContain(
      'circuit_breaker_call_duration_seconds_sum{name="db",outcome="timeout"} 1.5',
    );
  });

  it('counts a failure the breaker did not count toward opening as a failed call only', () => {
    const metrics = createBreakerMetrics({ name: 'db', registry });
    metrics.failure(new Error('not found'), undefined, false);
    metrics.failure();
    expect(samples(registry, 'circuit_breaker_calls_total')[1]).toBe('circuit_breaker_calls_total{name="db",outcome="failure"} 2');
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('db', 1));
    expect(samples(registry, 'circuit_breaker_call_duration_seconds_count')[1]).toBe(
      'circuit_breaker_call_duration_seconds_count{name="db",outcome="failure"} 0',
    );
  });

  it('lets isFailure decide from the error whether a failure counts toward opening, unless the call says', () => {
    class NotFound extends Error {}
    const metrics = createBreakerMetrics({ name: 'db', registry, isFailure: (error) => !(error instanceof NotFound) });
    metrics.failure(new NotFound('no row'), 0.1);
    metrics.failure(new Error('connection reset'), 0.2);
    metrics.failure(new NotFound('no row'), 0.3, true);
    metrics.failure(new Error('connection reset'), 0.4, false);
    expect(samples(registry, 'circuit_breaker_calls_total')[1]).toBe('circuit_breaker_calls_total{name="db",outcome="failure"} 4');
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('db', 2));
    expect(samples(registry, 'circuit_breaker_call_duration_seconds_sum')[1]).toBe(
      'circuit_breaker_call_duration_seconds_sum{name="db",outcome="failure"} 1',
    );
  });

  it('takes a state change as (from, to) and believes a from it did not see (a missed change)', () => {
    const metrics = createBreakerMetrics({ name: 'db', registry });
    metrics.stateChange('closed', 'open');
    metrics.stateChange('half_open', 'closed');
    expect(samples(registry, 'circuit_breaker_state')).toEqual(stateSamples('db', STATES, 'closed'));
    expect(transitions(registry)).toEqual([transition('db', 'closed', 'open'), transition('db', 'half_open', 'closed')]);
    metrics.stateChange('open', 'open');
    metrics.stateChange('closed', 'closed');
    expect(transitions(registry)).toEqual([transition('db', 'closed', 'open'), transition('db', 'half_open', 'closed')]);
    expect(samples(registry, 'circuit_breaker_state')).toEqual(stateSamples('db', STATES, 'closed'));
  });

  it('moves the state gauge to `to` even when (from, to) name the same state but not the current one', () => {
    const metrics = createBreakerMetrics({ name: 'db', registry });
    metrics.stateChange('open', 'open');
    expect(samples(registry, 'circuit_breaker_state')).toEqual(stateSamples('db', STATES, 'open'));
    expect(samples(registry, 'circuit_breaker_state_changes_total').every((line) => line.endsWith(' 0'))).toBe(true);
  });

  it('counts fallbacks', () => {
    const metrics = createBreakerMetrics({ name: 'db', registry });
    metrics.fallback();
    metrics.fallback();
    expect(samples(registry, 'circuit_breaker_fallbacks_total')).toEqual(['circuit_breaker_fallbacks_total{name="db"} 2']);
  });

  it('records a negative duration (a wall clock stepping back) as 0', () => {
    createBreakerMetrics({ name: 'db', registry }).success(-0.2);
    expect(samples(registry, 'circuit_breaker_call_duration_seconds_sum')[0]).toBe(
      'circuit_breaker_call_duration_seconds_sum{name="db",outcome="success"} 0',
    );
  });

  it('does not count a change to the state the breaker is already in', () => {
    const metrics = createBreakerMetrics({ name: 'db', registry });
    metrics.stateChange('closed');
    expect(samples(registry, 'circuit_breaker_state_changes_total').every((line) => line.endsWith(' 0'))).toBe(true);
  });
});
