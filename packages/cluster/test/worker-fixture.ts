// A cluster worker or worker thread for scrape-workers.test.ts: counts `n` jobs, holds a queue
// of n * 10, and on the "test" channel answers scrapes as `mode` says: `serve` (its registry),
// `silent` (never), `garbage` (HTML), `number` (a non-string), `conflict` (jobs_total typed as
// a gauge, as a worker of another release would) or `exit` (the worker exits instead).
import { parentPort, workerData } from 'node:worker_threads';
import { Registry } from '@promkit/core';
import { isMessage } from '../src/channel';
import { serveMetricsToPrimary } from '../src/serve-metrics';

type Mode = 'serve' | 'silent' | 'garbage' | 'number' | 'conflict' | 'exit';
const { n, mode } = (workerData as { n: number; mode: Mode } | null) ?? { n: Number(process.env.PROMKIT_N), mode: (process.env.PROMKIT_MODE ?? 'serve') as Mode };
const registry = new Registry();
if (mode === 'conflict') registry.gauge({ name: 'jobs_total', help: 'Jobs done.' }).set(n);
else registry.counter({ name: 'jobs_total', help: 'Jobs done.' }).inc(n);
registry.gauge({ name: 'queue_depth', help: 'Jobs waiting.' }).set(n * 10);
registry.histogram({ name: 'job_seconds', help: 'Job time.', buckets: [1] }).observe(n / 2);

const send = (message: unknown) => (parentPort ? parentPort.postMessage(message) : process.send?.(message));
if (mode === 'serve' || mode === 'conflict') serveMetricsToPrimary({ registry, channel: 'test' });
else if (mode !== 'silent') {
  (parentPort ?? process).on('message', (message: unknown) => {
    if (!isMessage(message, 'test')) return;
    if (mode === 'exit') process.exit(0);
    send({ channel: 'test', type: 'metrics', id: message.id, text: mode === 'garbage' ? '<html>502 Bad Gateway</html>' : 42 });
  });
}
send('ready');
