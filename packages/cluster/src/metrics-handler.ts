import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorSink, OPENMETRICS_CONTENT_TYPE, prefersOpenMetrics, TEXT_CONTENT_TYPE } from '@promkit/core';
import { checkTimeout, type ScrapeWorkersOptions, scrapeWorkers } from './scrape-workers';

/**
 * Options of {@link clusterMetricsHandler}: those of `scrapeWorkers`, whose `format` the `Accept` header chooses.
 *
 * @example
 * const options: ClusterMetricsHandlerOptions = { timeoutMs: 1000, gaugeRule: 'max' };
 */
export type ClusterMetricsHandlerOptions = Omit<ScrapeWorkersOptions, 'format'>;

/**
 * A node:http handler for the primary that serves {@link scrapeWorkers}'s combined
 * exposition: OpenMetrics or text 0.0.4 by the `Accept` header, each with its exact content
 * type, Content-Length and `cache-control: no-store`. Text formats only: expositions are
 * combined as text, so a scraper that prefers a binary format (protobuf) gets OpenMetrics or
 * text, which Prometheus accepts in its place. A scrape that fails answers 500 and is
 * reported to `onInternalError`.
 *
 * @example
 * import cluster from 'node:cluster';
 * import { createServer } from 'node:http';
 * import { clusterMetricsHandler } from '@promkit/cluster';
 * if (cluster.isPrimary) createServer(clusterMetricsHandler({ timeoutMs: 1000 })).listen(9464);
 */
export function clusterMetricsHandler(options: ClusterMetricsHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  checkTimeout(options.timeoutMs ?? 2000);
  const report = errorSink(options.onInternalError, 'cluster scrape');
  const send = (res: ServerResponse, status: number, contentType: string, body: string) => {
    const headers = { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' };
    if (!res.headersSent) res.writeHead(status, headers).end(body);
  };
  return function clusterMetrics(req, res) {
    const om = prefersOpenMetrics(req.headers.accept);
    scrapeWorkers({ ...options, format: om ? 'openmetrics' : 'text', onInternalError: report })
      .then((body) => send(res, 200, om ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE, body))
      .catch((error: unknown) => {
        report(error);
        send(res, 500, 'text/plain; charset=utf-8', 'scrape failed\n');
      })
      .catch(report);
  };
}
