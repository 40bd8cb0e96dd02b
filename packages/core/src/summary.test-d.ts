import { describe, expectTypeOf, it } from 'vitest';
import type { Labels, MetricFamilySnapshot, SummaryChild } from './index';
import { Registry } from './registry';

const registry = new Registry();

describe('summary types', () => {
  it('infers label names and types observe, children and timers like a histogram', () => {
    const s = registry.summary({ name: 's_seconds', help: 'h', labelNames: ['route'], quantiles: [0.5, 0.99] });
    s.observe({ route: '/' }, 0.1);
    // @ts-expect-error route is missing
    s.observe({}, 0.1);
    // @ts-expect-error a labeled summary needs labels
    s.observe(0.1);
    expectTypeOf(s.labels({ route: '/' })).toEqualTypeOf<SummaryChild>();
    expectTypeOf(s.startTimer()).toEqualTypeOf<(moreLabels?: Partial<Labels<'route'>>) => number>();
    expectTypeOf(s.type).toEqualTypeOf<'summary'>();
    const plain = registry.summary({ name: 'p', help: 'h' });
    plain.observe(1);
    // @ts-expect-error quantiles are numbers
    registry.summary({ name: 'q', help: 'h', quantiles: ['0.5'] });
  });

  it('gives snapshots their quantiles', () => {
    type Quantiles = NonNullable<MetricFamilySnapshot['series'][number]['quantiles']>;
    expectTypeOf<Quantiles[number]>().toEqualTypeOf<{ readonly quantile: number; readonly value: number }>();
  });
});
