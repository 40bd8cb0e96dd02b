import { defaultRegistry, Registry } from '@promkit/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callSamples, failureSamples, samples, stateSamples, transition, transitions } from '../test/samples';
import { type BreakerMetrics, createBreakerMetrics } from './index';

const STATES = ['closed', 'open', 'half_open'];

describe('createBreakerMetrics options', () => {
  let registry: Registry;
  beforeEach(() => {
    registry = new Registry();
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
