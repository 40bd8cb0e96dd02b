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
 * the `Accept` header, or a binary format added with `registry.addFormat` (protobuf) when the
 * scraper prefers it, each with its exact content type and Content-Length; a HEAD gets the
 * headers alone. A failing scrape answers 500.
 *
 * @example
 * import { metricsHandler } from '@promkit/fetch';
 *
 * export default { fetch: metricsHandler() };
 */
export function metricsHandler(options: MetricsHandlerOptions = {}): (request: Request) => Promise<Response> {
  const { registry = defaultRegistry } = options;
  const encoder = new TextEncoder();
  return async function serveScrape(request) {
    const { status, contentType, body } = await scrapeResponse(registry, request.headers.get('accept'));
    // Bytes, so that a HEAD can say the length a GET gets (the runtime would encode the text anyway).
    const bytes = typeof body === 'string' ? encoder.encode(body) : body;
    const headers = { 'content-type': contentType, 'content-length': String(bytes.byteLength), 'cache-control': 'no-store' };
    return new Response(request.method === 'HEAD' ? null : bytes, { status, headers });
  };
}
