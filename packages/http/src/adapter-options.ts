import { createHttpMetrics, type HttpMetrics } from './http-metrics';
import type { HttpMetricsOptions } from './options';

/**
 * Options every HTTP adapter takes (node:http, Express, Koa, Fastify, fetch, Hono): the HTTP
 * metrics options, `http` to share one {@link HttpMetrics} between several servers, and
 * `path`, where a middleware serves the scrape itself.
 *
 * @example
 * const options: AdapterOptions = { exclude: ['/metrics', '/healthz'], path: '/internal/metrics' };
 */
export interface AdapterOptions extends HttpMetricsOptions {
  /** HTTP metrics made with `createHttpMetrics`; when set, the other metric options are not used. Default: one made from these options. */
  readonly http?: HttpMetrics;
  /** Path where a middleware serves the scrape itself; `false` to serve it elsewhere. Default: `'/metrics'`. Ignored by wrappers that serve no scrape. */
  readonly path?: string | false;
}

/**
 * The {@link HttpMetrics} an adapter records into: `options.http` when given, else made from the options.
 *
 * @example
 * const http = httpMetricsOf({ exclude: ['/healthz'] });
 */
export const httpMetricsOf = (options: AdapterOptions): HttpMetrics => options.http ?? createHttpMetrics(options);

/**
 * What an adapter needs from its {@link AdapterOptions}, defaults applied.
 *
 * @example
 * const { http, path }: ResolvedAdapterOptions = resolveAdapterOptions({});
 */
export interface ResolvedAdapterOptions {
  /** The metrics to record into. */
  readonly http: HttpMetrics;
  /** Where the adapter serves the scrape, `false` for nowhere. */
  readonly path: string | false;
}

/**
 * The setup every adapter factory starts with: its metrics and its scrape path, defaults applied.
 *
 * @example
 * const { http, path } = resolveAdapterOptions({ path: '/internal/metrics' });
 */
export function resolveAdapterOptions(options: AdapterOptions): ResolvedAdapterOptions {
  return { http: httpMetricsOf(options), path: options.path ?? '/metrics' };
}
