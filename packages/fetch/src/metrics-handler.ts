import { defaultRegistry, type Registry } from '@promkit/core';
import { scrapeResponse } from '@promkit/http';

/**
 * Options of {@link metricsHandler}.
 *
 * @example
 * const options: MetricsHandlerOptions = { registry: new Registry() };
 */
export interface MetricsHandlerOptions {
  /** The registry to expose. Default: core's `defaultRegistry`. */
  readonly registry?: Registry;
}

/**
 * A fetch handler answering a scrape `Request` with a `Response`: OpenMetrics or text 0.0.4 by
 * the `Accept` header, each with its exact content type; a failing scrape answers 500.
 *
 * @example
 * import { metricsHandler } from '@promkit/fetch';
 *
 * export default { fetch: metricsHandler() };
 */
export function metricsHandler(options: MetricsHandlerOptions = {}): (request: Request) => Promise<Response> {
  const { registry = defaultRegistry } = options;
  return async function serveScrape(request) {
    const { status, contentType, body } = await scrapeResponse(registry, request.headers.get('accept'));
    // A Uint8Array body is a valid BodyInit; TypeScript 5.7+ types only ArrayBuffer-backed ones so.
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), { status, headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  };
}
