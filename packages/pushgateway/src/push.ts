import { defaultRegistry, type LabelValue, type Registry, TEXT_CONTENT_TYPE } from '@promkit/core';
import { groupingPath } from './grouping-path';

/** Where a group lives on a Pushgateway, and how to reach it. */
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
  /** Aborts the request, e.g. `AbortSignal.timeout(5000)`. Default: none. */
  readonly signal?: AbortSignal;
}

/** Options of {@link pushToGateway}. */
export interface PushOptions extends GroupOptions {
  /** The registry to push. Default: `defaultRegistry`. */
  readonly registry?: Registry;
  /**
   * `'PUT'` (default) replaces every metric of the group; `'POST'` replaces only the metric
   * families pushed and keeps the group's others.
   */
  readonly method?: 'PUT' | 'POST';
}

/**
 * A Pushgateway that answered with an error, or could not be reached (`status` 0).
 *
 * @example
 * try { await pushToGateway(options); } catch (error) { if (error instanceof PushgatewayError) log(error.status, error.body); }
 */
export class PushgatewayError extends Error {
  /** HTTP status of the answer, 0 when none came. */
  readonly status: number;
  /** Body of the answer: the Pushgateway's explanation. */
  readonly body: string;

  constructor(message: string, status: number, body: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'PushgatewayError';
    this.status = status;
    this.body = body;
  }
}

async function send(method: string, options: GroupOptions, body?: string): Promise<void> {
  const url = options.url.replace(/\/+$/, '') + groupingPath(options.job, options.groupings);
  const headers = { ...options.headers, ...(body === undefined ? {} : { 'content-type': TEXT_CONTENT_TYPE }) };
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { method, headers, body, signal: options.signal });
  } catch (error) {
    throw new PushgatewayError(`pushgateway ${method} ${url} failed: ${(error as Error).message}`, 0, '', error);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new PushgatewayError(`pushgateway ${method} ${url} failed: ${response.status} ${response.statusText}: ${text.trim()}`, response.status, text);
  }
}

/**
 * Pushes a registry to a Pushgateway group, from any runtime with `fetch`: the way short-lived
 * jobs and serverless functions, which cannot be scraped, report their metrics.
 *
 * @example
 * await pushToGateway({ url: 'http://pushgateway:9091', job: 'nightly_backup', groupings: { instance: 'db-1' } });
 */
export async function pushToGateway(options: PushOptions): Promise<void> {
  await send(options.method ?? 'PUT', options, (options.registry ?? defaultRegistry).metrics());
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
