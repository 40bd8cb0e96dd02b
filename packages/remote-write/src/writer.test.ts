import { Registry } from '@promkit/core';
import { describe, expect, it } from 'vitest';
import { type DecodedSeries, decodeBody } from '../test/decode';
import { createRemoteWriter, RemoteWriteError, type RemoteWriterOptions } from './index';

interface Received {
  headers: Record<string, string>;
  series: DecodedSeries[];
}

// A receiver that answers with the given statuses in turn (then 204), recording every request.
function receiver(statuses: (number | [number, Record<string, string>])[] = []) {
  const requests: Received[] = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const sent: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (sent[name] = value));
    requests.push({ headers: sent, series: decodeBody(init?.body as Uint8Array) });
    const next = statuses.shift() ?? 204;
    const [status, headers] = Array.isArray(next) ? next : [next, {}];
    return new Response(status === 204 ? null : `status ${status}`, { status, headers });
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

const setup = (options: Partial<RemoteWriterOptions> & { statuses?: (number | [number, Record<string, string>])[]; now?: number[] } = {}) => {
  const registry = new Registry();
  const { requests, fetch } = receiver(options.statuses);
  const times = options.now ?? [];
  const writer = createRemoteWriter({ url: 'http://rw.test/api/v1/write', registry, fetch, clock: () => times.shift() ?? 9000, minBackoffMs: 1, maxBackoffMs: 10, onInternalError: () => {}, ...options });
  return { registry, requests, writer };
};

describe('createRemoteWriter', () => {
  it('sends the four remote write headers and a snappy protobuf body', async () => {
    const { registry, requests, writer } = setup({ headers: { authorization: 'Bearer x' } });
    registry.gauge({ name: 'temperature_celsius', help: 'T.' }).set(21.5);
    expect(await writer.flush()).toEqual({ written: 1, dropped: 0, pending: 0, error: undefined });
    expect(requests[0]!.headers).toEqual({
      authorization: 'Bearer x',
      'content-encoding': 'snappy',
      'content-type': 'application/x-protobuf',
      'x-prometheus-remote-write-version': '0.1.0',
      'user-agent': 'promkit-remote-write/0.1',
    });
    expect(requests[0]!.series).toEqual([{ labels: { __name__: 'temperature_celsius' }, samples: [{ value: 21.5, timestamp: 9000 }] }]);
  });

  it('writes a new counter with a 0 sample at its creation time, then its value', async () => {
    const now: number[] = [];
    const { registry, requests, writer } = setup({ labels: { job: 'edge', instance: 'i-1' }, now });
    const jobs = registry.counter({ name: 'jobs_total', help: 'Jobs.', labelNames: ['queue'] });
    jobs.inc({ queue: 'a' }, 3);
    const created = registry.snapshot()[0]!.series[0]!.created;
    now.push(created + 5000);
    await writer.flush();
    expect(requests[0]!.series).toEqual([
      { labels: { __name__: 'jobs_total', instance: 'i-1', job: 'edge', queue: 'a' }, samples: [{ value: 0, timestamp: created }, { value: 3, timestamp: created + 5000 }] },
    ]);
  });

  it('writes histograms as _bucket with le spelled like the exposition, _sum and _count', async () => {
    const { registry, requests, writer } = setup();
    registry.histogram({ name: 'latency_seconds', help: 'L.', buckets: [0.5, 1, 1e6] }).observe(0.7);
    await writer.flush();
    const names = requests[0]!.series.map((s) => [s.labels.__name__, s.labels.le, s.samples.at(-1)!.value]);
    expect(names).toEqual([
      ['latency_seconds_bucket', '0.5', 0],
      ['latency_seconds_bucket', '1.0', 1],
      ['latency_seconds_bucket', '1e+06', 1],
      ['latency_seconds_bucket', '+Inf', 1],
      ['latency_seconds_sum', undefined, 0.7],
      ['latency_seconds_count', undefined, 1],
    ]);
  });

  it('writes summaries as {quantile} spelled like the exposition, _sum and _count (only those start at 0)', async () => {
    const now: number[] = [];
    const { registry, requests, writer } = setup({ now });
    const s = registry.summary({ name: 'rpc_seconds', help: 'R.', quantiles: [0.5, 1] });
    s.observe(2);
    s.observe(2);
    const created = registry.snapshot()[0]!.series[0]!.created;
    now.push(created + 1000);
    await writer.flush();
    expect(requests[0]!.series.map((series) => [series.labels.__name__, series.labels.quantile, series.samples])).toEqual([
      ['rpc_seconds', '0.5', [{ value: 1.9936617014173446, timestamp: created + 1000 }]],
      ['rpc_seconds', '1.0', [{ value: 1.9936617014173446, timestamp: created + 1000 }]],
      ['rpc_seconds_sum', undefined, [{ value: 0, timestamp: created }, { value: 4, timestamp: created + 1000 }]],
      ['rpc_seconds_count', undefined, [{ value: 0, timestamp: created }, { value: 2, timestamp: created + 1000 }]],
    ]);
  });

  it('moves a sample in the same millisecond as the last one 1 ms later, so time never goes backwards', async () => {
    const { registry, requests, writer } = setup({ now: [9000, 9000, 8000] });
    const g = registry.gauge({ name: 'g', help: 'G.' });
    for (const v of [1, 2, 3]) {
      g.set(v);
      await writer.flush();
    }
    expect(requests.map((r) => r.series[0]!.samples)).toEqual([[{ value: 1, timestamp: 9000 }], [{ value: 2, timestamp: 9001 }], [{ value: 3, timestamp: 9002 }]]);
  });

  it('relabels and drops families, and lets a series label win over a writer label', async () => {
    const { registry, requests, writer } = setup({
      labels: { instance: 'writer' },
      relabel: (family) => (family.name === 'secret' ? undefined : { ...family, series: family.series.map((s) => ({ ...s, labels: { ...s.labels, team: 'a' } })) }),
    });
    registry.gauge({ name: 'secret', help: 'S.' }).set(1);
    registry.gauge({ name: 'shown', help: 'S.', labelNames: ['instance'] }).set({ instance: 'own' }, 2);
    await writer.flush();
    expect(requests[0]!.series.map((s) => s.labels)).toEqual([{ __name__: 'shown', instance: 'own', team: 'a' }]);
  });

  it('retries 5xx and 429 with Retry-After, and never a 4xx', async () => {
    const { registry, requests, writer } = setup({ statuses: [503, [429, { 'retry-after': '0' }], 204] });
    registry.gauge({ name: 'g', help: 'G.' }).set(1);
    expect(await writer.flush()).toMatchObject({ written: 1, dropped: 0, error: undefined });
    expect(requests).toHaveLength(3);

    const refused = setup({ statuses: [400] });
    refused.registry.gauge({ name: 'g', help: 'G.' }).set(1);
    const result = await refused.writer.flush();
    expect(refused.requests).toHaveLength(1);
    expect(result).toMatchObject({ written: 0, dropped: 1, pending: 0 });
    expect(result.error).toBeInstanceOf(RemoteWriteError);
    expect(result.error).toMatchObject({ status: 400, body: 'status 400' });
    expect(result.error?.message).toBe('remote write POST http://rw.test/api/v1/write failed with status 400: status 400');
  });

  it('keeps the samples of a failed flush for the next one, in time order, and reports through onInternalError', async () => {
    const errors: unknown[] = [];
    const { registry, requests, writer } = setup({ statuses: [500, 500], retries: 1, now: [1000, 2000], onInternalError: (e) => errors.push(e) });
    const g = registry.gauge({ name: 'g', help: 'G.' });
    g.set(1);
    expect(await writer.flush()).toMatchObject({ written: 0, pending: 1, error: { status: 500 } });
    g.set(2);
    expect(await writer.flush()).toMatchObject({ written: 2, pending: 0 });
    expect(requests.at(-1)!.series[0]!.samples).toEqual([{ value: 1, timestamp: 1000 }, { value: 2, timestamp: 2000 }]);
    expect(errors).toEqual([expect.objectContaining({ status: 500 })]);
  });

  it('drops the oldest samples beyond maxPendingSamples and says how many', async () => {
    const errors: unknown[] = [];
    const { registry, writer } = setup({ statuses: [500, 500, 500], retries: 0, maxPendingSamples: 2, now: [1, 2, 3], onInternalError: (e) => errors.push(e) });
    registry.gauge({ name: 'g', help: 'G.' }).set(1);
    await writer.flush();
    await writer.flush();
    expect(await writer.flush()).toMatchObject({ dropped: 1, pending: 2 });
    expect(errors.at(-1)).toEqual(new Error('remote write: dropped the 1 oldest samples beyond maxPendingSamples'));
  });

  it('splits a flush into requests of at most maxRequestBytes', async () => {
    const { registry, requests, writer } = setup({ maxRequestBytes: 2000 });
    const g = registry.gauge({ name: 'g', help: 'G.', labelNames: ['i'] });
    for (let i = 0; i < 100; i++) g.set({ i: String(i) }, i);
    expect(await writer.flush()).toMatchObject({ written: 100 });
    expect(requests.length).toBeGreaterThan(2);
    expect(requests.flatMap((r) => r.series.map((s) => s.labels.i))).toEqual(Array.from({ length: 100 }, (_, i) => String(i)));
  });

  it('flushes on an interval until close(), which flushes once more', async () => {
    const { registry, requests, writer } = setup({ intervalMs: 20 });
    registry.gauge({ name: 'g', help: 'G.' }).set(1);
    while (requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await writer.close();
    const count = requests.length;
    expect(count).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(requests.length).toBe(count);
  });
});
