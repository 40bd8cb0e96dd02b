import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, Metric, Registry } from './index';

describe('public surface', () => {
  it('exports the metric classes as values, so instanceof works and the declarations match the runtime', () => {
    const r = new Registry();
    const c = r.counter({ name: 'c', help: 'h' });
    expect(c).toBeInstanceOf(Counter);
    expect(c).toBeInstanceOf(Metric);
    expect(r.gauge({ name: 'g', help: 'h' })).toBeInstanceOf(Gauge);
    expect(r.histogram({ name: 'h', help: 'h' })).toBeInstanceOf(Histogram);
  });
});
