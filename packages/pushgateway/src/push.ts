import { defaultRegistry, type LabelValue, type Registry } from '@promkit/core';
import { groupingPath } from './grouping-path';
import { fetchFailure, PushgatewayError, quoteBody } from './pushgateway-error';
import { requestSignal } from './request-signal';

/**
 * Where a group lives on a Pushgateway, and how to reach it: the options of {@link deleteFromGateway}.
 *
 * @example
 * const group: GroupOptions = { url: 'http://pushgateway:9091', job: 'nightly_backup', groupings: { db: 'orders' } };
 */
export interface GroupOptions {
  /** Base URL of the Pushgateway, e.g. `http://127.0.0.1:9091`. */
  readonly url: string;
  /** The `job` label of the group. */
  readonly job: string;
  /** Further grouping labels, e.g. `{ instance: 'worker-1' }`. Default: none. */
  readonly groupings?: Readonly<Record<string, LabelValue>>;
  /** Extra request headers, e.g. `authorization`. Default: none. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use. Default: the global `fetch` (Node 18+, Workers, Deno, Bun). */
  readonly fetch?: typeof fetch;
  /** Aborts the request; the timeout applies as well. Default: none. */
  readonly signal?: AbortSignal;
  /** Milliseconds to wait for the Pushgateway's answer before giving up; `Infinity` waits for ever. Default: 10 000. */
  readonly timeoutMs?: number;
}

/**
 * Options of {@link pushToGateway}: the group, and what to push there how.
 *
 * @example
 * const options: PushOptions = { url: 'http://pushgateway:9091', job: 'import', registry, method: 'POST', timeoutMs: 5000 };
 */
export interface PushOptions extends GroupOptions {
  /** The registry to push. Default: `defaultRegistry`. */
  readonly registry?: Registry;
  /**
   * `'PUT'` (default) replaces every metric of the group; `'POST'` replaces only the metric
   * families pushed and keeps the group's others.
   */
  readonly method?: 'PUT' | 'POST';
}

interface Payload {
  readonly body: string;
  readonly contentType: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

async function send(method: string, options: GroupOptions, payload?: Payload): Promise<void> {
  const url = options.url.replace(/\/+$/, '') + groupingPath(options.job, options.groupings);
  const headers = { ...options.headers, ...(payload && { 'content-type': payload.contentType }) };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { signal, timedOut } = requestSignal(timeoutMs, options.signal);
  const failed = `pushgateway ${method} ${url} failed`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { method, headers, body: payload?.body, signal });
  } catch (error) {
    const why = timedOut() ? `no answer within ${timeoutMs} ms (timeoutMs)` : fetchFailure(error);
    throw new PushgatewayError(`${failed}: ${why}`, 0, '', error);
  }
  if (!response.ok) {
    // The body is read under the same signal: one that stalls ends with the timeout, unquoted.
    const text = await response.text().catch(() => '');
    throw new PushgatewayError(`${failed}: ${response.status} ${response.statusText}: ${quoteBody(text)}`, response.status, text);
  }
}

/**
 * Pushes a registry to a Pushgateway group, from any runtime with `fetch`: the way batch jobs,
 * which end before Prometheus could scrape them, report their metrics.
 *
 * @example
 * await pushToGateway({ url: 'http://pushgateway:9091', job: 'nightly_backup', groupings: { instance: 'db-1' } });
 */
export async function pushToGateway(options: PushOptions): Promise<void> {
  // Awaited: a registry whose collects are asynchronous renders once they have run.
  const scrape = await (options.registry ?? defaultRegistry).scrape();
  await send(options.method ?? 'PUT', options, scrape);
}

/**
 * Deletes every metric of a Pushgateway group.
 *
 * @example
 * await deleteFromGateway({ url: 'http://pushgateway:9091', job: 'nightly_backup' });
 */
export async function deleteFromGateway(options: GroupOptions): Promise<void> {
  await send('DELETE', options);
}
