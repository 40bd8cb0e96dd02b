import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Registry } from '@promkit/core';
import { valueOf } from '@promkit/parse';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrapeWorkers } from './worker-metrics';

// The fixture, bundled once to plain JavaScript: cluster workers and threads run it as is.
const dir = mkdtempSync(join(tmpdir(), 'promkit-workers-'));
const fixture = join(dir, 'worker.mjs');
beforeAll(async () => {
  await build({
    entryPoints: [new URL('../test/worker-fixture.ts', import.meta.url).pathname],
    outfile: fixture,
    bundle: true,
    format: 'esm',
    platform: 'node',
    conditions: ['@promkit/source'],
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ready = (worker: { once(event: 'message', fn: (m: unknown) => void): unknown }) =>
  new Promise<void>((resolve) => worker.once('message', () => resolve()));

describe('scrapeWorkers with node:cluster', () => {
  const workers: ClusterWorker[] = [];
  afterAll(() => {
    for (const worker of workers) worker.process.kill();
  });

  it('sums the answering workers and reports the dead and the silent ones as down', async () => {
    cluster.setupPrimary({ exec: fixture, silent: true });
    for (const [n, silent] of [[1, 0], [2, 0], [3, 0], [4, 1]]) {
      const worker = cluster.fork({ PROMKIT_N: String(n), PROMKIT_SILENT: String(silent) });
      workers.push(worker);
      await ready(worker);
    }
    const dead = workers[2] as ClusterWorker;
    await new Promise((resolve) => {
      dead.once('exit', resolve);
      dead.process.kill();
    });
    const primary = new Registry();
    primary.counter({ name: 'jobs_total', help: 'Jobs done.' }).inc(100);
    const text = await scrapeWorkers({ workers, channel: 'test', timeoutMs: 300, gauges: { queue_depth: 'sum' }, registry: primary });
    expect(valueOf(text, 'jobs_total')).toBe(1 + 2 + 100);
    expect(valueOf(text, 'queue_depth')).toBe(30);
    expect(valueOf(text, 'job_seconds_count')).toBe(2);
    expect(valueOf(text, 'job_seconds_bucket', { le: '1.0' })).toBe(2);
    const ids = workers.map((w) => String(w.id));
    expect(text).toContain(
      [`promkit_worker_up{worker="${ids[0]}"} 1`, `promkit_worker_up{worker="${ids[1]}"} 1`, `promkit_worker_up{worker="${ids[2]}"} 0`, `promkit_worker_up{worker="${ids[3]}"} 0`].join('\n'),
    );
  }, 30_000);
});

describe('scrapeWorkers with worker threads', () => {
  it('combines threads, keeping gauges per thread by default', async () => {
    const threads = [1, 5].map((n) => new Worker(fixture, { workerData: { n, silent: false } }));
    try {
      await Promise.all(threads.map(ready));
      const text = await scrapeWorkers({ workers: threads, channel: 'test' });
      expect(valueOf(text, 'jobs_total')).toBe(6);
      expect(valueOf(text, 'queue_depth', { worker: String(threads[0]?.threadId) })).toBe(10);
      expect(valueOf(text, 'queue_depth', { worker: String(threads[1]?.threadId) })).toBe(50);
    } finally {
      await Promise.all(threads.map((t) => t.terminate()));
    }
  }, 30_000);
});
