import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultRegistry, type Registry } from '@promkit/core';
import { scrapeResponse } from '@promkit/http';

/** Options of {@link metricsHandler}. */
export interface MetricsHandlerOptions {
  /** The registry to expose. Default: core's `defaultRegistry`. */
  readonly registry?: Registry;
}

/**
 * A node:http handler that serves the scrape: OpenMetrics or text 0.0.4 by the `Accept`
 * header, each with its exact content type.
 *
 * @example
 * const scrape = metricsHandler({ registry });
 * createServer((req, res) => (req.url === '/metrics' ? scrape(req, res) : app(req, res)));
 */
export function metricsHandler(options: MetricsHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const { registry = defaultRegistry } = options;
  return (req, res) => {
    void scrapeResponse(registry, req.headers.accept).then(({ status, contentType, body }) => {
      if (!res.headersSent) res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
    });
  };
}
