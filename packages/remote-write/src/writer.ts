import { defaultRegistry, errorSink, type InternalErrorHandler, type MetricFamilySnapshot, type Registry } from '@promkit/core';
import { encodeWriteRequest } from './protobuf';
import { SampleQueue } from './queue';
import { post, type RemoteWriteError, type SendOptions } from './send';
import { namedValues } from './series';
import { snappyCompress } from './snappy';

/**
 * Options of {@link createRemoteWriter}.
 *
 * @example
 * const options: RemoteWriterOptions = { url: 'http://prometheus:9090/api/v1/write', labels: { job: 'api' } };
 */
export interface RemoteWriterOptions {
  /** The receiver's write endpoint, e.g. `http://prometheus:9090/api/v1/write`. */
  readonly url: string;
  /** The registry to write. Default: core's `defaultRegistry`. */
  readonly registry?: Registry;
  /** Labels added to every series that has no label of that name, e.g. `{ job: 'api', instance: 'eu-1' }`. Default: none. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Maps or drops (returns `undefined`) each metric family before it is written. Default: write all. */
  readonly relabel?: (family: MetricFamilySnapshot) => MetricFamilySnapshot | undefined;
  /** Flush every this many ms, for long-lived processes; the timer never keeps Node alive. Default: no timer. */
  readonly intervalMs?: number;
  /** Extra request headers, e.g. `authorization`. Default: none. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use. Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Retries of a request after a 5xx, a 429 or a network failure. Default: 3. */
  readonly retries?: number;
  /** First backoff in ms, doubled per retry, with full jitter. Default: 250. */
  readonly minBackoffMs?: number;
  /** Longest backoff in ms; a longer `Retry-After` keeps the samples for the next flush. Default: 5000. */
  readonly maxBackoffMs?: number;
  /** Timeout of one request in ms. Default: 10000. */
  readonly timeoutMs?: number;
  /** Uncompressed size in bytes above which a flush is split into several requests. Default: 1 MiB. */
  readonly maxRequestBytes?: number;
  /** Samples kept across failed flushes; the oldest beyond are dropped and reported. Default: 10000. */
  readonly maxPendingSamples?: number;
  /** Sink for failed flushes and dropped samples. Default: core's `errorSink` (logs the first). */
  readonly onInternalError?: InternalErrorHandler;
  /** The clock, ms since the Unix epoch. Default: `Date.now`. */
  readonly clock?: () => number;
}

/**
 * What one {@link RemoteWriter.flush} did.
 *
 * @example
 * const { written, dropped, pending, error } = await writer.flush();
 */
export interface FlushResult {
  /** Samples the receiver accepted. */
  readonly written: number;
  /** Samples given up: refused with a 4xx, or beyond `maxPendingSamples`. */
  readonly dropped: number;
  /** Samples kept for the next flush after a failure that may pass later. */
  readonly pending: number;
  /** The last request error, if any. */
  readonly error?: RemoteWriteError;
}

/**
 * Writes a registry to a remote write receiver; from {@link createRemoteWriter}.
 *
 * @example
 * ctx.waitUntil(writer.flush());
 */
export interface RemoteWriter {
  /** Writes every series now; never rejects (failures go to `onInternalError` and the result). */
  flush(): Promise<FlushResult>;
  /** Stops the interval timer and flushes one last time. */
  close(): Promise<FlushResult>;
}

// The zero sample at a counter's creation is only written while a receiver still accepts it:
// Prometheus refuses samples older than its head block (about an hour) with a 400.
const ZERO_WINDOW = 3_600_000;
const USER_AGENT = 'promkit-remote-write/0.1';
const HEADERS = {
  'content-encoding': 'snappy',
  'content-type': 'application/x-protobuf',
  'x-prometheus-remote-write-version': '0.1.0',
  'user-agent': USER_AGENT,
};

const count = (batch: readonly { samples: readonly unknown[] }[]): number => batch.reduce((sum, s) => sum + s.samples.length, 0);

async function gather(registry: Registry, options: RemoteWriterOptions): Promise<MetricFamilySnapshot[]> {
  const families = await registry.gather();
  const { relabel } = options;
  return relabel ? families.map(relabel).filter((family): family is MetricFamilySnapshot => family !== undefined) : families;
}

/**
 * Creates a writer that sends a registry to a Prometheus remote write 1.0 receiver (Prometheus,
 * Mimir, Cortex, Thanos Receive, VictoriaMetrics, Grafana Cloud): every `intervalMs` in a
 * long-lived process, or on `await writer.flush()` in a request-scoped isolate.
 *
 * @example
 * const writer = createRemoteWriter({ url: 'http://prometheus:9090/api/v1/write', labels: { job: 'api', instance: 'eu-1' }, intervalMs: 15_000 });
 * process.on('SIGTERM', () => void writer.close());
 */
export function createRemoteWriter(options: RemoteWriterOptions): RemoteWriter {
  const registry = options.registry ?? defaultRegistry;
  const report = errorSink(options.onInternalError, 'remote write');
  const clock = options.clock ?? Date.now;
  const queue = new SampleQueue();
  const send: SendOptions = {
    url: options.url,
    headers: { ...options.headers, ...HEADERS },
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    retries: options.retries ?? 3,
    minBackoffMs: options.minBackoffMs ?? 250,
    maxBackoffMs: options.maxBackoffMs ?? 5000,
    timeoutMs: options.timeoutMs ?? 10_000,
  };
  let running: Promise<unknown> = Promise.resolve();

  async function write(): Promise<FlushResult> {
    let written = 0;
    let dropped = 0;
    let error: RemoteWriteError | undefined;
    try {
      queue.add(namedValues(await gather(registry, options), options.labels ?? {}), clock(), ZERO_WINDOW);
    } catch (cause) {
      report(cause);
    }
    for (const batch of queue.take(options.maxRequestBytes ?? 1 << 20)) {
      const result = await post(snappyCompress(encodeWriteRequest(batch)), send);
      error = result.error ?? error;
      if (!result.error) written += count(batch);
      else if (result.keep) queue.restore(batch);
      else dropped += count(batch);
    }
    if (error) report(error);
    const over = queue.trim(options.maxPendingSamples ?? 10_000);
    if (over) report(new Error(`remote write: dropped the ${over} oldest samples beyond maxPendingSamples`));
    return { written, dropped: dropped + over, pending: queue.size, error };
  }

  const flush = (): Promise<FlushResult> => {
    const result = running.then(write);
    running = result;
    return result;
  };
  // Runtimes without timers that can be unref'd (Workers, Deno) simply have no interval option to use.
  const timer = options.intervalMs ? setInterval(() => void flush(), options.intervalMs) : undefined;
  (timer as { unref?: () => void } | undefined)?.unref?.();
  return {
    flush,
    close() {
      clearInterval(timer);
      return flush();
    },
  };
}
