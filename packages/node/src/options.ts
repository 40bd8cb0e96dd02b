import type { HttpMetrics, HttpMetricsOptions } from '@promkit/http';

/**
 * Options of the node:http, Express and Koa adapters: the HTTP metrics options, or `http` to
 * share one {@link HttpMetrics} between several servers.
 *
 * @example
 * const options: AdapterOptions = { registry, exclude: ['/metrics', '/healthz'] };
 */
export interface AdapterOptions extends HttpMetricsOptions {
  /** HTTP metrics made with `createHttpMetrics`; when set, the other metric options are not used. Default: one made from these options. */
  readonly http?: HttpMetrics;
}
