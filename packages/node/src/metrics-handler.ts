import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultRegistry, errorSink, type InternalErrorHandler, type Registry } from '@promkit/core';
import { nodeScrapeResponse } from './node-scrape';

/**
 * Options of {@link metricsHandler}.
 *
 * @example
 * const options: MetricsHandlerOptions = { registry: new Registry(), onInternalError: (error) => log.warn(error) };
 */
export interface MetricsHandlerOptions {
  /** The registry to expose. Default: core's `defaultRegistry`. */
  readonly registry?: Registry;
  /** Receives anything that fails while answering (the scrape itself fails with a 500). Default: core's `errorSink`, which logs the first. */
  readonly onInternalError?: InternalErrorHandler;
}

/**
 * A node:http handler that serves the scrape: OpenMetrics or text 0.0.4 by the `Accept`
 * header, or a binary format added with `registry.addFormat` (protobuf) when the scraper
 * prefers it, each with its exact content type and Content-Length, after awaiting async
 * `collect` callbacks. A HEAD gets the headers alone. A failing scrape answers 500; the
 * returned promise never rejects.
 *
 * @example
 * import { createServer } from 'node:http';
 * const scrape = metricsHandler();
 * createServer((req, res) => (req.url === '/metrics' ? scrape(req, res) : res.end('ok')));
 */
export function metricsHandler(options: MetricsHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { registry = defaultRegistry } = options;
  const report = errorSink(options.onInternalError, 'serving the scrape');
  return async function serveScrape(req, res) {
    try {
      const { status, contentType, body } = await nodeScrapeResponse(registry, req.headers.accept);
      // Node neither sends a body for a HEAD nor computes Content-Length once writeHead ran.
      const headers = { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' };
      if (!res.headersSent) res.writeHead(status, headers).end(body);
    } catch (error) {
      report(error);
    }
  };
}
