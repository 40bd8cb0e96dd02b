import { defaultRegistry, Registry } from '@promkit/core';
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

  it('takes the breaker’s own states and the state it starts in', () => {
    const metrics = createBreakerMetrics({ name: 'db', registry, states: ['closed', 'open', 'isolated'], state: 'isolated' });
    expect(samples(registry, 'circuit_breaker_state')).toEqual([
      'circuit_breaker_state{name="db",state="closed"} 0',
      'circuit_breaker_state{name="db",state="open"} 0',
      'circuit_breaker_state{name="db",state="isolated"} 1',
    ]);
    metrics.stateChange('closed');
    expect(samples(registry, 'circuit_breaker_state')).toEqual([
      'circuit_breaker_state{name="db",state="closed"} 1',
      'circuit_breaker_state{name="db",state="open"} 0',
      'circuit_breaker_state{name="db",state="isolated"} 0',
    ]);
    expect(samples(registry, 'circuit_breaker_state_changes_total')).toContain(
      'circuit_breaker_state_changes_total{name="db",from="isolated",to="closed"} 1',
    );
  });

  it('keeps two breakers sharing one registry apart', () => {
    const db = createBreakerMetrics({ name: 'db', registry });
    const cache = createBreakerMetrics({ name: 'cache', registry });
    db.stateChange('open');
    db.rejected();
    cache.success();
    expect(samples(registry, 'circuit_breaker_state')).toEqual([
      'circuit_breaker_state{name="db",state="closed"} 0',
      'circuit_breaker_state{name="db",state="open"} 1',
      'circuit_breaker_state{name="db",state="half_open"} 0',
      'circuit_breaker_state{name="cache",state="closed"} 1',
      'circuit_breaker_state{name="cache",state="open"} 0',
      'circuit_breaker_state{name="cache",state="half_open"} 0',
    ]);
    expect(samples(registry, 'circuit_breaker_calls_total')).toEqual([
      ...callSamples('db', { rejected: 1 }),
      ...callSamples('cache', { success: 1 }),
    ]);
  });

  it('reuses the series when the same name is created again (hot reload), keeping counts and taking the new state', () => {
    const before = createBreakerMetrics({ name: 'db', registry });
    before.stateChange('open');
    before.failure();
    const again = createBreakerMetrics({ name: 'db', registry, state: 'half_open' });
    again.failure();
    again.stateChange('open');
    expect(samples(registry, 'circuit_breaker_failures_total')).toEqual(failureSamples('db', 2));
    expect(samples(registry, 'circuit_breaker_state')).toEqual(stateSamples('db', STATES, 'open'));
    expect(transitions(registry)).toEqual([transition('db', 'closed', 'open'), transition('db', 'half_open', 'open')]);
  });

  it('reports an unknown state or a bad duration to onInternalError instead of throwing, and keeps the call', () => {
    const onInternalError = vi.fn();
    const metrics = createBreakerMetrics({ name: 'db', registry, onInternalError });
    expect(() => (metrics as BreakerMetrics<string>).stateChange('melted')).not.toThrow();
    expect(() => (metrics as BreakerMetrics<string>).stateChange('frozen', 'open')).not.toThrow();
    expect(() => metrics.success(Number.NaN)).not.toThrow();
    expect(onInternalError.mock.calls.map(([error]) => String(error))).toEqual([
      'TypeError: circuit breaker "db": unknown state "melted", expected one of [closed, open, half_open]',
      'TypeError: circuit breaker "db": unknown state "frozen", expected one of [closed, open, half_open]',
      'TypeError: circuit breaker "db": a call duration must be a finite number of seconds, got NaN',
    ]);
    expect(samples(registry, 'circuit_breaker_state')[0]).toBe('circuit_breaker_state{name="db",state="closed"} 1');
    expect(samples(registry, 'circuit_breaker_calls_total')[0]).toBe('circuit_breaker_calls_total{name="db",outcome="success"} 1');
  });

  it('never throws, even when onInternalError does', () => {
    const metrics = createBreakerMetrics({
      name: 'db',
      registry,
      onInternalError: () => {
        throw new Error('reporter down');
      },
    });
    expect(() => metrics.timeout(Number.POSITIVE_INFINITY)).not.toThrow();
  });

  it('logs the first internal error with console.error by default, and stays silent after', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const metrics = createBreakerMetrics({ name: 'db', registry });
    metrics.failure(undefined, Number.NaN);
    metrics.success(Number.POSITIVE_INFINITY);
    expect(log.mock.calls.map((args) => args.map(String))).toEqual([
      [
        'promkit: circuit breaker metrics failed (later failures are not logged)',
        'TypeError: circuit breaker "db": a call duration must be a finite number of seconds, got NaN',
      ],
    ]);
    log.mockRestore();
  });

  it('prepends the prefix to every family name and adds the static labels to every series', () => {
    const metrics = createBreakerMetrics({ name: 'db', registry, prefix: 'shop_', labels: { region: 'eu', tier: 1 }, buckets: [1] });
    metrics.stateChange('open');
    metrics.timeout(2);
    const exposition = registry.metrics();
    expect(exposition.split('\n').filter((line) => line.startsWith('# TYPE'))).toEqual([
      '# TYPE shop_circuit_breaker_state gauge',
      '# TYPE shop_circuit_breaker_state_changes_total counter',
      '# TYPE shop_circuit_breaker_failures_total counter',
      '# TYPE shop_circuit_breaker_calls_total counter',
      '# TYPE shop_circuit_breaker_fallbacks_total counter',
      '# TYPE shop_circuit_breaker_call_duration_seconds histogram',
    ]);
    const series = exposition.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(series).toHaveLength(3 + 6 + 1 + 4 + 1 + 3 * 4);
    expect(series.filter((line) => !line.includes('region="eu",tier="1"'))).toEqual([]);
    expect(series).toContain('shop_circuit_breaker_state{name="db",state="open",region="eu",tier="1"} 1');
    expect(series).toContain('shop_circuit_breaker_state_changes_total{name="db",from="closed",to="open",region="eu",tier="1"} 1');
    expect(series).toContain('shop_circuit_breaker_failures_total{name="db",region="eu",tier="1"} 1');
    expect(series).toContain('shop_circuit_breaker_call_duration_seconds_bucket{name="db",outcome="timeout",region="eu",tier="1",le="+Inf"} 1');
  });

  it('throws at creation for a static label the breaker metrics set themselves', () => {
    expect(() => createBreakerMetrics({ name: 'db', registry, labels: { outcome: 'x' } })).toThrow(
      new TypeError('circuit breaker "db": static label "outcome" is one the breaker metrics set themselves (name, state, from, to, outcome, le)'),
    );
  });

  it('throws at creation for states that repeat or leave out the starting state', () => {
    expect(() => createBreakerMetrics({ name: 'db', registry, states: ['up', 'down'], state: 'sideways' as 'up' })).toThrow(
      new TypeError('circuit breaker "db": states must be distinct and include the state "sideways", got [up, down]'),
    );
    expect(() => createBreakerMetrics({ name: 'db', registry, states: ['up', 'up'] })).toThrow(TypeError);
    expect(() => createBreakerMetrics({ name: 'db', registry, states: [] })).toThrow(TypeError);
  });

  it('uses the default registry when given none', () => {
    createBreakerMetrics({ name: 'default-db' }).rejected();
    expect(samples(defaultRegistry, 'circuit_breaker_calls_total')).toContain(
      'circuit_breaker_calls_total{name="default-db",outcome="rejected"} 1',
    );
  });
});
