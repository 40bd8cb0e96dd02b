import cluster from 'node:cluster';
import { errorSink, type InternalErrorHandler, type Registry } from '@promkit/core';
import { type AggregateOptions, aggregate, type ExpositionSource } from '@promkit/parse';
import { type ChannelOptions, isMessage, type Message } from './channel';

/**
 * A cluster worker or a worker thread, as the primary sees it.
 *
 * @example
 * const workers: WorkerHandle[] = [new Worker('./worker.js')];
 */
export type WorkerHandle =
  | { readonly id: number; send(message: unknown, callback?: (error: Error | null) => void): unknown; on(event: 'message', fn: (m: unknown) => void): unknown; off(event: 'message', fn: (m: unknown) => void): unknown }
  | { readonly threadId: number; postMessage(message: unknown): void; on(event: 'message', fn: (m: unknown) => void): unknown; off(event: 'message', fn: (m: unknown) => void): unknown };

/**
 * Options of {@link scrapeWorkers}.
 *
 * @example
 * const options: ScrapeWorkersOptions = { timeoutMs: 1000, gauges: { queue_depth: 'sum' } };
 */
export interface ScrapeWorkersOptions extends ChannelOptions, AggregateOptions {
  /** The workers to scrape. Default: every live `node:cluster` worker. */
  readonly workers?: Iterable<WorkerHandle>;
  /** How long each worker has to answer, in ms (1 to 2147483647); a late one counts as down. Default: 2000. */
  readonly timeoutMs?: number;
  /** The primary's own registry, added under `worker="primary"`. Default: none. */
  readonly registry?: Registry;
  /** Receives why a worker's answer was left out (not an exposition, or a family typed against the others). Default: core's `errorSink`. */
  readonly onInternalError?: InternalErrorHandler;
}

// setTimeout's largest delay: a longer one fires at once.
const MAX_TIMEOUT = 2 ** 31 - 1;

/** Returns `timeoutMs`, or throws a RangeError naming the option unless it is a delay setTimeout honours. */
export function checkTimeout(timeoutMs: unknown): number {
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT) {
    throw new RangeError(`scrapeWorkers: option "timeoutMs" must be a finite number of milliseconds from 1 to ${MAX_TIMEOUT}, got ${String(timeoutMs)}`);
  }
  return timeoutMs;
}

let nextId = 0;
// Shared by every call without `onInternalError`, so a worker failing at each scrape is logged once.
let fallbackSink: InternalErrorHandler | undefined;

// One worker's answer, or undefined when it is gone, failed or too slow.
function ask(worker: WorkerHandle, channel: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve) => {
    const id = ++nextId;
    const done = (text: unknown) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      resolve(text);
    };
    const onMessage = (message: unknown) => {
      if (isMessage(message, channel) && message.type === 'metrics' && message.id === id) done(message.error === undefined ? message.text : undefined);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    worker.on('message', onMessage);
    try {
      const request: Message = { channel, type: 'scrape', id };
      // With a callback, a worker that died reports through it instead of an 'error' event.
      if ('postMessage' in worker) worker.postMessage(request);
      else worker.send(request, (error) => error && done(undefined));
    } catch {
      done(undefined);
    }
  });
}

const UP_HELP = '# HELP promkit_worker_up Whether the worker answered the last scrape in time with an exposition that was combined.\n';
const UP_TYPE = '# TYPE promkit_worker_up gauge\n';

/**
 * In the primary: scrapes every worker at once and combines their expositions with
 * `aggregate` (counters and histograms summed, gauges by rule). Each worker has `timeoutMs`
 * to answer; one that is dead, late, or answers something that cannot be combined does not
 * fail the scrape: it shows as `promkit_worker_up{worker} 0` and the rest is served.
 *
 * @example
 * import { scrapeWorkers } from '@promkit/cluster';
 * const text = await scrapeWorkers({ gauges: { queue_depth: 'sum' } });
 */
export async function scrapeWorkers(options: ScrapeWorkersOptions = {}): Promise<string> {
  const { channel = 'promkit', registry } = options;
  const timeoutMs = checkTimeout(options.timeoutMs ?? 2000);
  const workers = [...(options.workers ?? (Object.values(cluster.workers ?? {}) as WorkerHandle[]))];
  // Named before asking: an exited worker's id (a thread's threadId) turns to -1.
  const names = workers.map((worker) => String('id' in worker ? worker.id : worker.threadId));
  const answers = await Promise.all(workers.map((worker) => ask(worker, channel, timeoutMs)));
  const up = answers.map((text) => typeof text === 'string');
  const sources: ExpositionSource[] = [];
  const from: number[] = [];
  answers.forEach((text, i) => up[i] && (sources.push({ text: text as string, labels: { worker: names[i] as string } }), from.push(i)));
  if (registry) sources.push({ text: registry.metrics(), labels: { worker: 'primary' } });
  const { exposition, rejected } = aggregate(sources, options);
  const report = options.onInternalError ? errorSink(options.onInternalError, 'cluster aggregation') : (fallbackSink ??= errorSink(undefined, 'cluster aggregation'));
  for (const { index, error } of rejected) {
    if (index < from.length) up[from[index] as number] = false;
    report(new Error(`scrapeWorkers: worker "${sources[index]?.labels.worker}" left out: ${error.message}`, { cause: error }));
  }
  const samples = names.map((name, i) => `promkit_worker_up{worker="${name}"} ${up[i] ? 1 : 0}\n`).join('');
  const om = options.format === 'openmetrics';
  // The one family aggregate does not produce goes before OpenMetrics' closing `# EOF`.
  return om ? `${exposition.slice(0, -'# EOF\n'.length)}${UP_TYPE}${UP_HELP}${samples}# EOF\n` : `${exposition}${UP_HELP}${UP_TYPE}${samples}`;
}
