import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Registry } from './registry';

describe('OpenMetrics _created samples', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_250 }));
  afterEach(() => vi.useRealTimers());

  const registry = (created: boolean) => {
    const r = new Registry({ created, labels: { service: 'api' } });
    r.counter({ name: 'jobs', help: 'Jobs.', labelNames: ['kind'] }).inc({ kind: 'a' });
    vi.setSystemTime(1_700_000_001_000);
    r.histogram({ name: 'latency_seconds', help: 'Latency.', buckets: [1] }).observe(0.5);
    r.gauge({ name: 'g', help: 'Gauge.' }).set(1);
    return r;
  };

  it('renders the creation time of every counter and histogram series in seconds when the registry asks for it', () => {
    expect(registry(true).metrics('openmetrics')).toBe(
      [
        '# TYPE jobs counter',
        '# HELP jobs Jobs.',
        'jobs_total{kind="a",service="api"} 1',
        'jobs_created{kind="a",service="api"} 1700000000.25',
        '# TYPE latency_seconds histogram',
        '# HELP latency_seconds Latency.',
        'latency_seconds_bucket{service="api",le="1.0"} 1',
        'latency_seconds_bucket{service="api",le="+Inf"} 1',
        'latency_seconds_sum{service="api"} 0.5',
        'latency_seconds_count{service="api"} 1',
        'latency_seconds_created{service="api"} 1700000001',
        '# TYPE g gauge',
        '# HELP g Gauge.',
        'g{service="api"} 1',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  it('never renders _created in text 0.0.4, nor in OpenMetrics by default', () => {
    expect(registry(true).metrics()).not.toContain('_created');
    expect(registry(false).metrics('openmetrics')).not.toContain('_created');
  });

  it('takes the time of the last reset as the creation time', () => {
    const r = new Registry({ created: true });
    const c = r.counter({ name: 'c', help: 'h' });
    vi.setSystemTime(1_700_000_005_000);
    c.reset();
    expect(r.metrics('openmetrics')).toContain('c_total 0\nc_created 1700000005\n');
  });
});
