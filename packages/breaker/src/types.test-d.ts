import { Registry } from '@promkit/core';
import { type CircuitBreakerPolicy, circuitBreaker, ConsecutiveBreaker, handleAll } from 'cockatiel';
import CircuitBreaker from 'opossum';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BreakerBindingOptions,
  type BreakerMetrics,
  createBreakerMetrics,
  type CockatielBreaker,
  instrumentCockatiel,
  instrumentOpossum,
  type OpossumBreaker,
} from './index';

const registry = new Registry();

describe('createBreakerMetrics types', () => {
  it('knows the default states', () => {
    const metrics = createBreakerMetrics({ name: 'db', registry, state: 'half_open' });
    expectTypeOf(metrics).toEqualTypeOf<BreakerMetrics<'closed' | 'open' | 'half_open'>>();
    metrics.stateChange('open');
    // @ts-expect-error not a state of this breaker
    metrics.stateChange('isolated');
  });

  it('infers the states a breaker lists, and only from that list', () => {
    const metrics = createBreakerMetrics({ name: 'db', registry, states: ['up', 'down'], state: 'down' });
    metrics.stateChange('up');
    metrics.stateChange('down', 'up');
    // @ts-expect-error not in states
    metrics.stateChange('open');
    // @ts-expect-error from must be a state too
    metrics.stateChange('open', 'up');
    // @ts-expect-error the starting state must be one of states
    createBreakerMetrics({ name: 'db', registry, states: ['up', 'down'], state: 'sideways' });
  });
});

describe('binding types', () => {
  it('accepts real opossum and cockatiel breakers through the minimal interfaces', () => {
    expectTypeOf<CircuitBreaker>().toExtend<OpossumBreaker>();
    expectTypeOf<CircuitBreakerPolicy>().toExtend<CockatielBreaker>();
    const policy = circuitBreaker(handleAll, { halfOpenAfter: 10, breaker: new ConsecutiveBreaker(1) });
    expectTypeOf(instrumentCockatiel(policy, { name: 'api', registry })).toEqualTypeOf<() => void>();
    expectTypeOf(instrumentOpossum(new CircuitBreaker(async () => 1), { name: 'api' })).toEqualTypeOf<() => void>();
  });

  it('takes prefix, labels and onInternalError, and no onError', () => {
    const options: BreakerBindingOptions = { name: 'api', registry, prefix: 'shop_', labels: { region: 'eu', tier: 1 }, onInternalError: () => {} };
    instrumentOpossum(new CircuitBreaker(async () => 1), options);
    // @ts-expect-error the internal-error sink is called onInternalError everywhere
    instrumentOpossum(new CircuitBreaker(async () => 1), { name: 'api', onError: () => {} });
  });

  it('leaves the states to the library', () => {
    // @ts-expect-error the binding reads the states from the library
    instrumentOpossum(new CircuitBreaker(async () => 1), { name: 'api', states: ['closed'] });
  });
});
