// A real Prometheus 2.42 with --web.enable-remote-write-receiver stores what
// @promkit/remote-write sends: checked through PromQL.
import { Registry } from '@promkit/core';
import { createRemoteWriter } from '@promkit/remote-write';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startPrometheus } from '../../packages/remote-write/test/prometheus';

let prometheus: Receiver;

beforeAll(async () => {
  prometheus = await startPrometheus();
});

afterAll(async () => {
  await prometheus?.stop();
});

const write = async (registry: Registry, labels: Record<string, string>) => {
  const result = await createRemoteWriter({ url: prometheus.url, registry, labels }).flush();
  expect(result).toEqual({ written: expect.any(Number), dropped: 0, pending: 0, error: undefined });
};

describe('a real Prometheus receiving remote write', () => {
  it('stores counters, gauges and histograms exactly, with our le spelling and odd label values', async () => {
    const registry = new Registry();
    registry.counter({ name: 'rw_requests_total', help: 'R.', labelNames: ['path'] }).inc({ path: 'a "quoted" \\ back\nslash ünï 🙂' }, 7);
    const gauge = registry.gauge({ name: 'rw_value', help: 'V.', labelNames: ['kind'] });
    gauge.set({ kind: 'sum' }, 0.1 + 0.2);
    gauge.set({ kind: 'max' }, 2 ** 53 - 1);
    gauge.set({ kind: 'tiny' }, 5e-324);
    const latency = registry.histogram({ name: 'rw_latency_seconds', help: 'L.', buckets: [0.5, 1, 1e6] });
    for (const v of [0.2, 0.7, 0.8, 3]) latency.observe(v);
    await write(registry, { job: 'rw-test' });

    expect(await prometheus.query('rw_requests_total')).toEqual([[{ __name__: 'rw_requests_total', job: 'rw-test', path: 'a "quoted" \\ back\nslash ünï 🙂' }, '7']]);
    expect(Object.fromEntries((await prometheus.query('rw_value')).map(([l, v]) => [l.kind, v]))).toEqual({ sum: '0.30000000000000004', max: '9007199254740991', tiny: '5e-324' });
    expect((await prometheus.query('rw_latency_seconds_bucket')).map(([l, v]) => [l.le, v]).sort()).toEqual([['+Inf', '4'], ['0.5', '1'], ['1.0', '3'], ['1e+06', '4']]);
    expect(await prometheus.query('rw_latency_seconds_sum')).toEqual([[expect.anything(), '4.7']]);
    // Rank 2 of 4 falls in (0.5, 1.0] holding ranks 2..3: 0.5 + 0.5 * (2 - 1) / 2.
    expect(await prometheus.query('histogram_quantile(0.5, rw_latency_seconds_bucket)')).toEqual([[{ job: 'rw-test' }, '0.75']]);
  });

  it('adds up twenty short-lived isolates exactly, and a recording rule gives the fleet-wide series', async () => {
    let total = 0;
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const registry = new Registry();
        registry.counter({ name: 'isolate_jobs_total', help: 'Jobs.' }).inc(i + 1);
        total += i + 1;
        await write(registry, { job: 'edge', instance: `isolate-${i}` });
      }),
    );
    // Each isolate wrote a 0 at its counter's creation and then its count. max - min over the
    // window is the exact increase (increase() would extrapolate the two samples to the window's
    // edges); the 0 sample is what makes the first increment visible at all.
    expect(await prometheus.query('sum(max_over_time(isolate_jobs_total[10m]) - min_over_time(isolate_jobs_total[10m]))')).toEqual([[{}, String(total)]]);
    expect(await prometheus.query('count(min_over_time(isolate_jobs_total[10m]) == 0)')).toEqual([[{}, '20']]);
    let fleet: [Record<string, string>, string][] = [];
    for (let i = 0; i < 100 && fleet.length === 0; i++) {
      fleet = await prometheus.query('job:isolate_jobs_total:sum');
      if (!fleet.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(fleet).toEqual([[{ __name__: 'job:isolate_jobs_total:sum', job: 'edge' }, String(total)]]);
  });

  it('is refused with a 400 that names the problem when a sample goes back in time, and drops it', async () => {
    const registry = new Registry();
    registry.gauge({ name: 'rw_ooo', help: 'O.' }).set(1);
    await createRemoteWriter({ url: prometheus.url, registry, clock: () => Date.now() }).flush();
    const result = await createRemoteWriter({ url: prometheus.url, registry, clock: () => Date.now() - 60_000, onInternalError: () => {} }).flush();
    expect(result).toMatchObject({ written: 0, dropped: 1, error: { status: 400 } });
    expect(result.error?.body).toContain('out of order');
  });
});
