import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import type { Worker } from 'node:worker_threads';
import { Registry } from '@promkit/core';
import { valueOf } from '@promkit/parse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, ready, startThreads } from '../test/build-fixture';
import { clusterMetricsHandler, scrapeWorkers } from './index';

let fixture: Awaited<ReturnType<typeof buildFixture>>;
beforeAll(async () => {
  fixture = await buildFixture();
});
afterAll(() => fixture.remove());

let threads: Worker[] = [];
afterEach(async () => {
  await Promise.all(threads.map((t) => t.terminate()));
  threads = [];
});
const start = async (...specs: [number, string][]) => (threads = await startThreads(fixture.file, specs));
const up = (worker: { threadId: number } | { id: number }, value: 0 | 1) => `promkit_worker_up{worker="${'id' in worker ? worker.id : worker.threadId}"} ${value}`;

describe('scrapeWorkers with node:cluster', () => {
  const workers: ClusterWorker[] = [];
  afterAll(() => {
    for (const worker of workers) worker.process.kill();
  });

  it('sums the answering workers and reports the dead and the silent ones as down', async () => {
    cluster.setupPrimary({ exec: fixture.file, silent: true });
    for (const [n, mode] of [[1, 'serve'], [2, 'serve'], [3, 'serve'], [4, 'silent']]) {
      const worker = cluster.fork({ PROMKIT_N: String(n), PROMKIT_MODE: mode });
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
    expect(text).toContain([up(workers[0] as ClusterWorker, 1), up(workers[1] as ClusterWorker, 1), up(dead, 0), up(workers[3] as ClusterWorker, 0)].join('\n'));
  }, 30_000);
});

describe('scrapeWorkers with worker threads', () => {
  it('combines threads, keeping gauges per thread by default', async () => {
    const [a, b] = await start([1, 'serve'], [5, 'serve']);
    const text = await scrapeWorkers({ workers: threads, channel: 'test' });
    expect(valueOf(text, 'jobs_total')).toBe(6);
    expect(valueOf(text, 'queue_depth', { worker: String(a?.threadId) })).toBe(10);
    expect(valueOf(text, 'queue_depth', { worker: String(b?.threadId) })).toBe(50);
  }, 30_000);

  it('shows a worker that answers garbage, a non-string or a conflicting type as down and serves the rest', async () => {
    const [good, garbage, number, conflict, other] = await start([1, 'serve'], [2, 'garbage'], [3, 'number'], [4, 'conflict'], [5, 'serve']);
    const errors: unknown[] = [];
    const text = await scrapeWorkers({ workers: threads, channel: 'test', onInternalError: (e) => errors.push(e) });
    expect(valueOf(text, 'jobs_total')).toBe(1 + 5);
    expect(text).toContain('# TYPE jobs_total counter\njobs_total 6\n');
    for (const [w, v] of [[good, 1], [garbage, 0], [number, 0], [conflict, 0], [other, 1]] as const) expect(text).toContain(`${up(w as Worker, v)}\n`);
    expect(errors).toHaveLength(2);
    expect((errors[0] as Error).message).toMatch(new RegExp(`^scrapeWorkers: worker "${garbage?.threadId}" left out: line 1: `));
    expect((errors[1] as Error).message).toBe(`scrapeWorkers: worker "${conflict?.threadId}" left out: aggregate: metric "jobs_total" is a gauge here and a counter in most processes`);
  }, 30_000);

  it('names a worker that exits during the scrape by the id it had when the scrape started', async () => {
    const [live, gone1, gone2] = await start([1, 'serve'], [2, 'exit'], [3, 'exit']);
    const ids = threads.map((t) => t.threadId);
    const exited = [gone1, gone2].map((t) => new Promise((resolve) => t?.once('exit', resolve)));
    const [text] = await Promise.all([scrapeWorkers({ workers: threads, channel: 'test', timeoutMs: 1000 }), ...exited]);
    expect(gone1?.threadId).toBe(-1);
    expect(text).toContain(`promkit_worker_up{worker="${ids[0]}"} 1\npromkit_worker_up{worker="${ids[1]}"} 0\npromkit_worker_up{worker="${ids[2]}"} 0\n`);
    expect(live?.threadId).toBe(ids[0]);
  }, 30_000);
});

describe('timeoutMs', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, 0, -5, 2 ** 31, '100'])('is a RangeError naming the option when it is %s', async (timeoutMs) => {
    const message = `scrapeWorkers: option "timeoutMs" must be a finite number of milliseconds from 1 to 2147483647, got ${String(timeoutMs)}`;
    await expect(scrapeWorkers({ workers: [], timeoutMs: timeoutMs as number })).rejects.toThrow(new RangeError(message));
    expect(() => clusterMetricsHandler({ workers: [], timeoutMs: timeoutMs as number })).toThrow(new RangeError(message));
  });
});
