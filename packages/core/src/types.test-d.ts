import { describe, expectTypeOf, it } from 'vitest';
import { Registry } from './registry';
import type { CounterChild, Exemplar, Labels } from './index';

const registry = new Registry();

describe('label types', () => {
  it('infers label names from labelNames, with or without as const', () => {
    const a = registry.counter({ name: 'a_total', help: 'h', labelNames: ['method', 'route'] as const });
    const b = registry.counter({ name: 'b_total', help: 'h', labelNames: ['method', 'route'] });
    expectTypeOf(a.labelNames).toEqualTypeOf<readonly ('method' | 'route')[]>();
    expectTypeOf(b.labelNames).toEqualTypeOf<readonly ('method' | 'route')[]>();
    expectTypeOf(a.labels({ method: 'GET', route: '/' })).toEqualTypeOf<CounterChild>();
    expectTypeOf<Labels<'a'>>().toEqualTypeOf<{ readonly a: string | number | boolean }>();
  });

  it('rejects a missing or unknown label at compile time', () => {
    const c = registry.counter({ name: 'c_total', help: 'h', labelNames: ['method', 'route'] });
    c.inc({ method: 'GET', route: '/' });
    c.inc({ method: 'GET', route: '/' }, 2);
    // @ts-expect-error route is missing
    c.inc({ method: 'GET' });
    // @ts-expect-error status is not a label of c
    c.inc({ method: 'GET', route: '/', status: 200 });
    // @ts-expect-error a labeled counter needs labels
    c.inc();
    // @ts-expect-error a labeled counter needs labels
    c.inc(1);
    // @ts-expect-error label values are strings, numbers or booleans
    c.labels({ method: 'GET', route: null });
  });

  it('lets unlabeled metrics take a bare value, and no labels', () => {
    const g = registry.gauge({ name: 'g', help: 'h' });
    g.set(1);
    g.inc();
    g.dec(2);
    // @ts-expect-error an unlabeled gauge has no labels
    g.set({ queue: 'a' }, 1);
    const h = registry.histogram({ name: 'h', help: 'h' });
    h.observe(0.1);
    // @ts-expect-error observe needs a value
    h.observe();
  });

  it('types timers and children per metric type', () => {
    const h = registry.histogram({ name: 'h2', help: 'h', labelNames: ['route', 'code'] });
    const end = h.startTimer({ route: '/' });
    expectTypeOf(end).toEqualTypeOf<(moreLabels?: Partial<Labels<'route' | 'code'>>) => number>();
    // @ts-expect-error code is a label, nope is not
    end({ nope: 1 });
    const child = registry.gauge({ name: 'g2', help: 'h', labelNames: ['q'] }).labels({ q: 'a' });
    expectTypeOf(child.startTimer()).toEqualTypeOf<() => number>();
    // @ts-expect-error counter children have no set
    registry.counter({ name: 'c2_total', help: 'h', labelNames: ['q'] }).labels({ q: 'a' }).set(1);
  });

  it('takes an exemplar after the value on counters and histograms, never on gauges', () => {
    const ex: Exemplar = { labels: { trace_id: 'abc', sampled: true }, value: 1, timestamp: 0 };
    const c = registry.counter({ name: 'e1_total', help: 'h', labelNames: ['q'] });
    c.inc({ q: 'a' }, 1, ex);
    c.inc({ q: 'a' }, undefined, { labels: {} });
    c.labels({ q: 'a' }).inc(2, ex);
    // @ts-expect-error the exemplar comes after the value
    c.inc({ q: 'a' }, ex);
    // @ts-expect-error exemplar label values are strings, numbers or booleans
    c.inc({ q: 'a' }, 1, { labels: { trace_id: null } });
    const u = registry.counter({ name: 'e2_total', help: 'h' });
    u.inc(1, ex);
    u.inc(undefined, ex);
    u.inc({}, 1, ex);
    const h = registry.histogram({ name: 'e3', help: 'h', labelNames: ['q'] });
    h.observe({ q: 'a' }, 0.1, ex);
    h.labels({ q: 'a' }).observe(0.1, ex);
    registry.histogram({ name: 'e4', help: 'h' }).observe(0.1, ex);
    const g = registry.gauge({ name: 'e5', help: 'h' });
    // @ts-expect-error gauges take no exemplar
    g.inc(1, ex);
    // @ts-expect-error gauges take no exemplar
    g.set(1, ex);
    expectTypeOf<Exemplar['value']>().toEqualTypeOf<number | undefined>();
  });
});
