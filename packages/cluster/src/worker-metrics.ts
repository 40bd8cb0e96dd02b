import cluster from 'node:cluster';
import { parentPort } from 'node:worker_threads';
import { defaultRegistry, type Registry, TEXT_CONTENT_TYPE } from '@promkit/core';
import { type AggregateOptions, aggregate } from '@promkit/parse';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Options shared by both ends: the channel name keeps promkit's messages apart from the app's. */
export interface ChannelOptions {
  /** Tag of promkit's IPC messages; any string the app does not use itself. Default: `'promkit'`. */
  readonly channel?: string;
}

/** Options of {@link serveMetricsToPrimary}. */
export interface ServeMetricsOptions extends ChannelOptions {
  /** The worker's registry. Default: core's `defaultRegistry`. */
  readonly registry?: Registry;
}

/** A cluster worker or a worker thread, as the primary sees it. */
export type WorkerHandle =
  | { readonly id: number; send(message: unknown, callback?: (error: Error | null) => void): unknown; on(event: 'message', fn: (m: unknown) => void): unknown; off(event: 'message', fn: (m: unknown) => void): unknown }
  | { readonly threadId: number; postMessage(message: unknown): void; on(event: 'message', fn: (m: unknown) => void): unknown; off(event: 'message', fn: (m: unknown) => void): unknown };

/** Options of {@link scrapeWorkers}. */
export interface ScrapeWorkersOptions extends ChannelOptions, AggregateOptions {
  /** The workers to scrape. Default: every live `node:cluster` worker. */
  readonly workers?: Iterable<WorkerHandle>;
  /** How long each worker has to answer, in ms; a late one counts as down. Default: 2000. */
  readonly timeoutMs?: number;
  /** The primary's own registry, added under `worker="primary"`. Default: none. */
  readonly registry?: Registry;
}

interface Message {
  readonly channel: string;
  readonly type: 'scrape' | 'metrics';
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}

const isMessage = (m: unknown, channel: string): m is Message => typeof m === 'object' && m !== null && (m as Message).channel === channel;

/**
 * In a cluster worker or a worker thread: answers the primary's scrape requests with this
 * process's exposition. Returns a function that stops answering.
 *
 * @example
 * // in each cluster worker
 * serveMetricsToPrimary({ registry });
 */
export function serveMetricsToPrimary(options: ServeMetricsOptions = {}): () => void {
  const { registry = defaultRegistry, channel = 'promkit' } = options;
  const port = parentPort ?? (process.send ? process : undefined);
  if (!port) throw new Error('serveMetricsToPrimary: this process is neither a cluster worker nor a worker thread');
  const reply = (message: Message) => (parentPort ? parentPort.postMessage(message) : process.send?.(message));
  const onMessage = (message: unknown) => {
    if (!isMessage(message, channel) || message.type !== 'scrape') return;
    try {
      reply({ channel, type: 'metrics', id: message.id, text: registry.metrics() });
    } catch (error) {
      reply({ channel, type: 'metrics', id: message.id, error: String(error) });
    }
  };
  port.on('message', onMessage);
  return () => port.off('message', onMessage);
}

let nextId = 0;

// One worker's exposition, or undefined when it is gone, failed or too slow.
function ask(worker: WorkerHandle, channel: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const id = ++nextId;
    const done = (text: string | undefined) => {
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

/**
 * In the primary: scrapes every worker at once and combines their expositions with
 * `aggregate` (counters and histograms summed, gauges by rule). Each worker has `timeoutMs`
 * to answer; one that is dead, failing or late does not fail the scrape: it shows as
 * `promkit_worker_up{worker} 0`.
 *
 * @example
 * const text = await scrapeWorkers({ gauges: { queue_depth: 'sum' } });
 */
export async function scrapeWorkers(options: ScrapeWorkersOptions = {}): Promise<string> {
  const { channel = 'promkit', timeoutMs = 2000, registry } = options;
  const workers = [...(options.workers ?? (Object.values(cluster.workers ?? {}) as WorkerHandle[]))];
  const texts = await Promise.all(workers.map((worker) => ask(worker, channel, timeoutMs)));
  const names = workers.map((worker) => String('id' in worker ? worker.id : worker.threadId));
  const sources = texts.flatMap((text, i) => (text === undefined ? [] : [{ text, labels: { worker: names[i] as string } }]));
  if (registry) sources.push({ text: registry.metrics(), labels: { worker: 'primary' } });
  const up = names.map((name, i) => `promkit_worker_up{worker="${name}"} ${texts[i] === undefined ? 0 : 1}\n`).join('');
  return `${aggregate(sources, options)}# HELP promkit_worker_up Whether the worker answered the last scrape in time.\n# TYPE promkit_worker_up gauge\n${up}`;
}

/**
 * A node:http handler for the primary that serves {@link scrapeWorkers}'s combined exposition
 * (text 0.0.4).
 *
 * @example
 * if (cluster.isPrimary) createServer(clusterMetricsHandler({ timeoutMs: 1000 })).listen(9464);
 */
export function clusterMetricsHandler(options: ScrapeWorkersOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    scrapeWorkers(options).then(
      (body) => res.writeHead(200, { 'content-type': TEXT_CONTENT_TYPE }).end(body),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`scrape failed: ${String(error)}\n`),
    );
  };
}
