import { parentPort } from 'node:worker_threads';
import { defaultRegistry, type Registry } from '@promkit/core';
import { type ChannelOptions, isMessage, type Message } from './channel';

/**
 * Options of {@link serveMetricsToPrimary}.
 *
 * @example
 * const options: ServeMetricsOptions = { registry: new Registry(), channel: 'metrics' };
 */
export interface ServeMetricsOptions extends ChannelOptions {
  /** The worker's registry. Default: core's `defaultRegistry`. */
  readonly registry?: Registry;
}

/**
 * In a cluster worker or a worker thread: answers the primary's scrape requests with this
 * process's exposition. Returns a function that stops answering.
 *
 * @example
 * import { Registry } from '@promkit/core';
 * import { serveMetricsToPrimary } from '@promkit/cluster';
 * const stop = serveMetricsToPrimary({ registry: new Registry() });
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
