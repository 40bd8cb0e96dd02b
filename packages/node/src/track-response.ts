import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpMetrics, HttpRequest } from '@promkit/http';

const contentLength = (value: string | number | string[] | undefined): number | undefined => {
  const n = Number(value);
  return value !== undefined && value !== '' && n >= 0 ? n : undefined;
};

/**
 * Starts recording a node:http request and ends it when its response closes: with the status
 * sent, or as aborted (499) when the client went away first. Express and Koa run on node:http,
 * so their adapters use this too and add only the route (and the original URL when they rewrite `req.url`).
 *
 * @example
 * const request = trackRequest(http, req, res, () => routeOf(req));
 * request.error(error); // when the handler throws
 */
export function trackRequest(
  http: HttpMetrics,
  req: IncomingMessage,
  res: ServerResponse,
  route?: () => string | undefined,
  url: string = req.url ?? '/',
): HttpRequest {
  const request = http.start(req.method ?? 'GET', url);
  // 'close' comes after 'finish' for a sent response and alone for an aborted one (Node >= 16).
  res.once('close', () => {
    let name: string | undefined;
    try {
      name = route?.();
    } catch {
      // A route function that fails leaves the route to the path normaliser.
    }
    if (!res.writableFinished) return request.abort(name);
    request.end(
      res.statusCode,
      name,
      http.sizes ? { request: contentLength(req.headers['content-length']), response: contentLength(res.getHeader('content-length')) } : undefined,
    );
  });
  return request;
}
