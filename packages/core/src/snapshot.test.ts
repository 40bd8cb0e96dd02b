import { describe, expect, it, vi } from 'vitest';
import { Registry } from './registry';

describe('registry.snapshot', () => {
  it('returns every family as data, with default labels after the series labels and histogram buckets cumulative', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    try {
      const r = new Registry({ labels: { service: 'api', method: 'ignored' } });
      const requests = r.counter({ name: 'requests', help: 'Requests.', labelNames: ['method'] });
      requests.inc({ method: 'GET' }, 2);
      vi.setSystemTime(1_700_000_000_500);
      const latency = r.histogram({ name: 'latency_seconds', help: 'Latency.', unit: 'seconds', buckets: [0.1, 1] });
      latency.observe(0.05);
      latency.observe(0.5);
      latency.observe(5);
      expect(r.snapshot()).toEqual([
        {
          name: 'requests_total',
          type: 'counter',
          help: 'Requests.',
          series: [{ labels: { method: 'GET', service: 'api' }, created: 1_700_000_000_000, value: 2 }],
        },
        {
          name: 'latency_seconds',
          type: 'histogram',
          help: 'Latency.',
          unit: 'seconds',
          series: [
            {
              labels: { service: 'api', method: 'ignored' },
              created: 1_700_000_000_500,
              buckets: [
                { le: 0.1, count: 1 },
                { le: 1, count: 2 },
                { le: Infinity, count: 3 },
              ],
              sum: 5.55,
              count: 3,
            },
          ],
        },
      ]);
      expect(Object.keys(r.snapshot()[0]!.series[0]!.labels)).toEqual(['method', 'service']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs synchronous collects first and gives a reset series a new creation time', () => {
    vi.useFakeTimers({ now: 1000 });
    try {
      const r = new Registry();
      const g = r.gauge({ name: 'queue_depth', help: 'h', collect: (gauge) => gauge.set(7) });
      expect(r.snapshot()[0]!.series).toEqual([{ labels: {}, created: 1000, value: 7 }]);
      vi.setSystemTime(2000);
      g.reset();
      expect(r.snapshot()[0]!.series).toEqual([{ labels: {}, created: 2000, value: 7 }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('includes the dropped-updates self-metric as a counter family', () => {
    const r = new Registry({ labels: { service: 'api' } });
    const c = r.counter({ name: 'c', help: 'h', labelNames: ['a'], maxSeries: 1 });
    c.inc({ a: 'x' });
    c.inc({ a: 'y' });
    c.inc({ a: 'z' });
    const self = r.snapshot()[1]!;
    expect(self).toMatchObject({ name: 'promkit_series_dropped_total', type: 'counter' });
    expect(self.series).toEqual([{ labels: { metric: 'c_total', service: 'api' }, created: expect.any(Number), value: 2 }]);
  });
});
