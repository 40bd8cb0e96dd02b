import { type MetricFamilySnapshot, Registry } from '@promkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeMetricFamilies } from '../test/decode';
import { encodeMetricFamilies, nativeBuckets, protobuf, PROTOBUF_CONTENT_TYPE } from './index';

// What Prometheus 2.42 sends with --enable-feature=native-histograms (FORMAT.md).
const PROMETHEUS_ACCEPT =
  'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const CREATED = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const created = { seconds: CREATED / 1000 - 0.678, nanos: 678_000_000 };

beforeEach(() => void vi.useFakeTimers({ now: CREATED, toFake: ['Date'] }));
afterEach(() => void vi.useRealTimers());

describe('protobuf exposition', () => {
  it('is served by scrape() to Prometheus with native histograms on, with its exact content type', async () => {
    const registry = new Registry();
    registry.addFormat(protobuf);
    registry.counter({ name: 'jobs_total', help: 'Jobs run.' }).inc();
    const scrape = await registry.scrape(PROMETHEUS_ACCEPT);
    expect(scrape.contentType).toBe('application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited');
    expect(scrape.contentType).toBe(PROTOBUF_CONTENT_TYPE);
    expect(scrape.body).toBeInstanceOf(Uint8Array);
    expect((await registry.scrape('text/plain;version=0.0.4')).contentType).toMatch(/^text\/plain/);
  });

  it('encodes counters (keeping _total), gauges and their labels, with default labels', async () => {
    const registry = new Registry({ labels: { app: 'api' } });
    registry.counter({ name: 'jobs_total', help: 'Jobs run.', labelNames: ['queue'] }).inc({ queue: 'mail' }, 3);
    registry.gauge({ name: 'queue_depth', help: 'Jobs "waiting".\nNow.', unit: 'depth' }).set(-2.5);
    expect(decodeMetricFamilies(encodeMetricFamilies(registry.snapshot()))).toEqual([
      {
        name: 'jobs_total',
        help: 'Jobs run.',
        type: 'COUNTER',
        metric: [{ label: [{ name: 'queue', value: 'mail' }, { name: 'app', value: 'api' }], counter: { value: 3, created_timestamp: created } }],
      },
      {
        name: 'queue_depth',
        help: 'Jobs "waiting".\nNow.',
        type: 'GAUGE',
        metric: [{ label: [{ name: 'app', value: 'api' }], gauge: { value: -2.5 } }],
        unit: 'depth',
      },
    ]);
  });

  it('encodes a histogram with classic and native buckets: spans of consecutive buckets, counts as deltas', () => {
    const registry = new Registry();
    const latency = registry.histogram({ name: 'rpc_duration_seconds', help: 'RPC time.', buckets: [1, 4], native: nativeBuckets({ schema: 0 }) });
    // Schema 0: bucket i is (2^(i-1), 2^i]. 0 → zero bucket; 1 → 0; 3, 3.5, 4 → 2; 16 → 4; 17 → 5.
    for (const value of [0, 1, 3, 3.5, 4, 16, 17]) latency.observe(value);
    const [family] = decodeMetricFamilies(encodeMetricFamilies(registry.snapshot()));
    expect(family).toEqual({
      name: 'rpc_duration_seconds',
      help: 'RPC time.',
      type: 'HISTOGRAM',
      metric: [
        {
          histogram: {
            sample_count: 7,
            sample_sum: 44.5,
            bucket: [
              { cumulative_count: 2, upper_bound: 1 },
              { cumulative_count: 5, upper_bound: 4 },
              { cumulative_count: 7, upper_bound: Infinity },
            ],
            created_timestamp: created,
            schema: 0,
            zero_threshold: 2 ** -128,
            zero_count: 1,
            positive_span: [{ offset: 0, length: 1 }, { offset: 1, length: 1 }, { offset: 1, length: 2 }],
            positive_delta: [1, 2, -2, 0],
          },
        },
      ],
    });
  });

  it('carries the exemplars recorded through the registry, on counters and classic buckets', () => {
    const registry = new Registry();
    registry.counter({ name: 'jobs_total', help: 'Jobs run.' }).inc(2, { labels: { trace_id: 'abc' }, timestamp: 1500 });
    registry.histogram({ name: 'rpc_seconds', help: 'RPC.', buckets: [1], native: nativeBuckets() }).observe(0.5, { labels: { trace_id: 'def' } });
    const [jobs, rpc] = decodeMetricFamilies(encodeMetricFamilies(registry.snapshot())) as { metric: Record<string, Record<string, unknown>>[] }[];
    expect(jobs!.metric[0]!.counter!.exemplar).toEqual({ label: [{ name: 'trace_id', value: 'abc' }], value: 2, timestamp: { seconds: 1, nanos: 500_000_000 } });
    expect(rpc!.metric[0]!.histogram!.bucket).toEqual([
      { cumulative_count: 1, upper_bound: 1, exemplar: { label: [{ name: 'trace_id', value: 'def' }], value: 0.5, timestamp: created } },
      { cumulative_count: 1, upper_bound: Infinity },
    ]);
  });

  it('encodes a summary of the registry: count, sum, quantiles and created timestamp', () => {
    const registry = new Registry();
    const latency = registry.summary({ name: 'job_duration_seconds', help: 'Job time.', quantiles: [0.5] });
    for (const value of [1, 2, 3]) latency.observe(value);
    const snapshot = registry.snapshot();
    // The estimate of the summary's sketch, whatever it is, bit-exact.
    const median = snapshot[0]!.series[0]!.quantiles![0]!.value;
    expect(median).toBeCloseTo(2, 1);
    const [family] = decodeMetricFamilies(encodeMetricFamilies(snapshot));
    expect(family).toEqual({
      name: 'job_duration_seconds',
      help: 'Job time.',
      type: 'SUMMARY',
      metric: [{ summary: { sample_count: 3, sample_sum: 6, quantile: [{ quantile: 0.5, value: median }], created_timestamp: created } }],
    });
  });

  it('marks an empty native-only histogram as native with one empty bucket, without classic buckets', () => {
    const registry = new Registry();
    registry.histogram({ name: 'idle_seconds', help: 'Idle.', native: nativeBuckets({ zeroThreshold: 0 }) });
    registry.histogram({ name: 'idle_seconds', help: 'Idle.', native: nativeBuckets({ zeroThreshold: 0 }) }).observe(0);
    const [family] = decodeMetricFamilies(encodeMetricFamilies(registry.snapshot()));
    expect((family!.metric as { histogram: unknown }[])[0]!.histogram).toEqual({
      sample_count: 1,
      sample_sum: 0,
      created_timestamp: created,
      schema: 3,
      zero_threshold: 0,
      zero_count: 1,
      positive_span: [{ length: 1 }],
      positive_delta: [0],
    });
  });

  it('encodes exemplars with their timestamps, summaries and lone surrogates as U+FFFD', () => {
    const families = [
      {
        name: 'jobs_total',
        help: '',
        type: 'counter',
        series: [{ labels: { v: 'a\uD800b' }, created: 0, value: 1, exemplar: { labels: { trace_id: 'abc' }, value: 1, timestamp: 1500 } }],
      },
      {
        name: 'wait_seconds',
        help: 'Wait.',
        type: 'histogram',
        series: [{ labels: {}, created: 1, count: 2, sum: 3, buckets: [{ le: 1, count: 1, exemplar: { labels: { trace_id: 'x' }, value: 0.5 } }, { le: Infinity, count: 2 }] }],
      },
      {
        name: 'rpc_seconds',
        help: 'RPC.',
        type: 'summary',
        series: [{ labels: {}, created: 2000, count: 4, sum: 2, quantiles: [{ quantile: 0.5, value: 0.25 }, { quantile: 0.99, value: 1.5 }] }],
      },
    ] as unknown as MetricFamilySnapshot[];
    expect(decodeMetricFamilies(encodeMetricFamilies(families))).toEqual([
      {
        name: 'jobs_total',
        type: 'COUNTER',
        metric: [
          {
            label: [{ name: 'v', value: 'a\uFFFDb' }],
            counter: { value: 1, exemplar: { label: [{ name: 'trace_id', value: 'abc' }], value: 1, timestamp: { seconds: 1, nanos: 500_000_000 } }, created_timestamp: {} },
          },
        ],
      },
      {
        name: 'wait_seconds',
        help: 'Wait.',
        type: 'HISTOGRAM',
        metric: [
          {
            histogram: {
              sample_count: 2,
              sample_sum: 3,
              bucket: [
                { cumulative_count: 1, upper_bound: 1, exemplar: { label: [{ name: 'trace_id', value: 'x' }], value: 0.5 } },
                { cumulative_count: 2, upper_bound: Infinity },
              ],
              created_timestamp: { nanos: 1_000_000 },
            },
          },
        ],
      },
      {
        name: 'rpc_seconds',
        help: 'RPC.',
        type: 'SUMMARY',
        metric: [
          {
            summary: { sample_count: 4, sample_sum: 2, quantile: [{ quantile: 0.5, value: 0.25 }, { quantile: 0.99, value: 1.5 }], created_timestamp: { seconds: 2 } },
          },
        ],
      },
    ]);
  });

  it('keeps messages longer than 127 bytes intact (multi-byte length prefixes)', () => {
    const registry = new Registry();
    const counter = registry.counter({ name: 'hits_total', help: 'h'.repeat(300), labelNames: ['path'] });
    for (let i = 0; i < 500; i++) counter.inc({ path: `/p/${i}/${'é'.repeat(i % 7)}` }, i);
    const [family] = decodeMetricFamilies(encodeMetricFamilies(registry.snapshot()));
    const metrics = family!.metric as { label: { value: string }[]; counter: { value: number } }[];
    expect(metrics).toHaveLength(500);
    expect(metrics[499]).toEqual({ label: [{ name: 'path', value: `/p/499/${'é'.repeat(2)}` }], counter: { value: 499, created_timestamp: created } });
  });
});
