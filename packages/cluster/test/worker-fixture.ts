// A cluster worker or worker thread for worker-metrics.test.ts: counts `n` jobs, holds a queue
// of n * 10, and answers scrapes on the "test" channel unless told to stay silent.
import { parentPort, workerData } from 'node:worker_threads';
import { Registry } from '@promkit/core';
import { serveMetricsToPrimary } from '../src/worker-metrics';

const { n, silent } = (workerData as { n: number; silent: boolean } | null) ?? {
  n: Number(process.env.PROMKIT_N),
  silent: process.env.PROMKIT_SILENT === '1',
};
const registry = new Registry();
registry.counter({ name: 'jobs_total', help: 'Jobs done.' }).inc(n);
registry.gauge({ name: 'queue_depth', help: 'Jobs waiting.' }).set(n * 10);
registry.histogram({ name: 'job_seconds', help: 'Job time.', buckets: [1] }).observe(n / 2);
if (!silent) serveMetricsToPrimary({ registry, channel: 'test' });
if (parentPort) parentPort.postMessage('ready');
else process.send?.('ready');
