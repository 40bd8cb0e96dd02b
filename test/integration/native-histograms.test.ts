// Two real Prometheus 2.42 servers scrape one node:http server (@promkit/node's metricsHandler)
// whose registry serves the protobuf format: one with --enable-feature=native-histograms, which
// asks for protobuf and stores the native buckets, one without, which asks for OpenMetrics and
// stores the classic buckets. Prometheus 2.42 ingests only the native part of a histogram that
// has one (scrape_classic_histograms came in 2.45), so the classic buckets of the same histogram
// are checked through the second server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from '@promkit/core';
import { metricsHandler } from '@promkit/node';
import { nativeBuckets, PROTOBUF_CONTENT_TYPE, protobuf } from '@promkit/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Running, startServer } from './processes';
import { query, waitForValue } from './prometheus-api';

const N = 2000;
const SCHEMA = 3;
const CLASSIC = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUANTILES = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999];

// Latencies log-uniform from 1 ms to 30 s (a fixed pseudo-random sequence), a few exact zeros.
const observations = Array.from({ length: N }, (_, i) => (i % 250 === 0 ? 0 : 10 ** (-3 + 4.5 * ((i * 0.6180339887498949) % 1))));
const sorted = [...observations].sort((a, b) => a - b);
const exactQuantile = (q: number): number => sorted[Math.ceil(q * N) - 1]!;

// Prometheus' histogram_quantile over classic buckets: linear interpolation inside the bucket
// where the rank falls (the first bucket starts at 0; the +Inf bucket answers its lower bound).
function classicQuantile(q: number): number {
  const rank = q * N;
  const cumulative = CLASSIC.map((le) => sorted.filter((v) => v <= le).length);
  const b = cumulative.findIndex((count) => count >= rank);
  if (b < 0) return CLASSIC.at(-1)!;
  const [start, below] = b ? [CLASSIC[b - 1]!, cumulative[b - 1]!] : [0, 0];
  return start + (CLASSIC[b]! - start) * ((rank - below) / (cumulative[b]! - below));
}

describe('native histograms in a real Prometheus 2.42', () => {
  const dir = mkdtempSync(join(tmpdir(), 'promkit-native-'));
  const servers: Running[] = [];
  const served: Record<string, Set<string>> = { native: new Set(), classic: new Set() };
  const api: Record<string, string> = {};
  let target: Server | undefined;
  const context = () => servers.map((s) => s.output().slice(-1500)).join('\n');

  beforeAll(async () => {
    const registry = new Registry();
    registry.addFormat(protobuf);
    const latency = registry.histogram({ name: 'rpc_duration_seconds', help: 'RPC time.', buckets: CLASSIC, native: nativeBuckets({ schema: SCHEMA }) });
    for (const value of observations) latency.observe(value);
    // Native only, never observed, zero bucket of width 0: native only by its empty bucket.
    registry.histogram({ name: 'idle_seconds', help: 'Idle time.', native: nativeBuckets({ zeroThreshold: 0 }) });
    registry.counter({ name: 'jobs_total', help: 'Jobs run.', labelNames: ['queue'] }).inc({ queue: 'mail' }, 3, { labels: { trace_id: 'abc123' } });
    const scrape = metricsHandler({ registry });
    target = createServer((req, res) => {
      // metricsHandler passes its headers to writeHead, where getHeader cannot see them.
      const writeHead = res.writeHead.bind(res) as (status: number, headers: Record<string, string>) => typeof res;
      res.writeHead = ((status: number, headers: Record<string, string>) => {
        served[req.url!.slice('/metrics/'.length)]?.add(headers['content-type']!);
        return writeHead(status, headers);
      }) as typeof res.writeHead;
      void scrape(req, res);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => target!.listen(port, '127.0.0.1', resolve));
    for (const job of ['native', 'classic']) {
      const apiPort = await freePort();
      api[job] = `http://127.0.0.1:${apiPort}`;
      const config = join(dir, `${job}.yml`);
      writeFileSync(
        config,
        [
          'global: { scrape_interval: 1s, scrape_timeout: 1s }',
          `scrape_configs: [{ job_name: ${job}, metrics_path: /metrics/${job}, static_configs: [{ targets: ['127.0.0.1:${port}'] }] }]`,
          '',
        ].join('\n'),
      );
      const flags = job === 'native' ? ['--enable-feature=native-histograms,exemplar-storage'] : [];
      const args = [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, job)}`, `--web.listen-address=127.0.0.1:${apiPort}`, '--log.level=warn', ...flags];
      servers.push(await startServer('prometheus', args, `${api[job]}/-/ready`));
    }
    await waitForValue(api.native!, 'histogram_count(rpc_duration_seconds)', (v) => v === N, context);
    await waitForValue(api.classic!, 'rpc_duration_seconds_count', (v) => v === N, context);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    target?.closeAllConnections();
    await new Promise((resolve) => target?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is scraped in protobuf with the flag and in OpenMetrics without it', () => {
    expect([...served.native!]).toEqual([PROTOBUF_CONTENT_TYPE]);
    expect([...served.classic!]).toEqual(['application/openmetrics-text; version=1.0.0; charset=utf-8']);
  });

  it('stores counters under their _total name from protobuf, as from text', async () => {
    for (const job of ['native', 'classic']) expect((await query(api[job]!, 'jobs_total{queue="mail"}'))[0]!.value[1]).toBe('3');
  });

  it('stores the exemplars sent in protobuf', async () => {
    const response = await fetch(`${api.native}/api/v1/query_exemplars?query=jobs_total&start=0&end=${Date.now() / 1000 + 60}`);
    const { data } = (await response.json()) as { data: { exemplars: { labels: Record<string, string>; value: string }[] }[] };
    expect(data.flatMap((series) => series.exemplars)).toEqual([expect.objectContaining({ labels: { trace_id: 'abc123' }, value: '3' })]);
  });

  it('stores the native histogram: histogram_count and histogram_sum are those of the observations', async () => {
    const [count] = await query(api.native!, 'histogram_count(rpc_duration_seconds)');
    expect(Number(count!.value[1])).toBe(N);
    const [sum] = await query(api.native!, 'histogram_sum(rpc_duration_seconds)');
    const expected = observations.reduce((a, b) => a + b, 0);
    expect(Math.abs(Number(sum!.value[1]) - expected) / expected).toBeLessThan(1e-12);
    // Only the native part is stored when there is one.
    expect(await query(api.native!, 'rpc_duration_seconds_bucket')).toEqual([]);
  });

  it('answers histogram_quantile within the relative error of the schema', async () => {
    const error = 2 ** (2 ** -SCHEMA) - 1;
    for (const q of QUANTILES) {
      const [result] = await query(api.native!, `histogram_quantile(${q}, rpc_duration_seconds)`);
      const estimate = Number(result!.value[1]);
      const exact = exactQuantile(q);
      expect(Math.abs(estimate - exact) / exact, `q=${q}: ${estimate} vs ${exact}`).toBeLessThanOrEqual(error);
    }
  });

  it('recognises a native histogram that was never observed', async () => {
    const [count] = await query(api.native!, 'histogram_count(idle_seconds)');
    expect(Number(count?.value[1])).toBe(0);
  });

  it('keeps the classic buckets of the same histogram answering histogram_quantile as before', async () => {
    for (const q of QUANTILES) {
      const [result] = await query(api.classic!, `histogram_quantile(${q}, rpc_duration_seconds_bucket)`);
      expect(Number(result!.value[1]), `q=${q}`).toBeCloseTo(classicQuantile(q), 12);
    }
    const [count] = await query(api.classic!, 'idle_seconds_count');
    expect(Number(count!.value[1])).toBe(0);
  });
});
