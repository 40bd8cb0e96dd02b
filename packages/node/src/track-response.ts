import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpMetrics, HttpRequest } from '@promkit/http';

/**
 * What an adapter knows about a node:http request beyond method and URL. Each hook takes the
 * request, so one object serves every request and nothing is allocated per request for it.
 *
 * @example
 * const hooks: RequestHooks<Request> = { url: (req) => req.originalUrl, route: (req) => req.route?.path };
 */
export interface RequestHooks<Req extends IncomingMessage> {
  /** The URL to record when the framework rewrites `req.url` (mounting). Default: `req.url`. */
  readonly url?: (req: Req) => string;
  /** The route template, read when the response closes. Default: none (the path normaliser decides). */
  readonly route?: (req: Req) => string | undefined;
  /** An error the handler threw that the framework caught elsewhere, read when the response closes. */
  readonly error?: (req: Req) => unknown;
}

const contentLength = (value: string | number | string[] | undefined): number | undefined => {
  const n = Number(value);
  return value !== undefined && value !== '' && n >= 0 ? n : undefined;
};

/**
 * Starts recording a node:http request and ends it when its response closes: with the status
 * sent, or as aborted (499) when the client went away first. Express and Koa run on node:http,
 * so their adapters use this too and add only what their framework knows (`hooks`).
 *
 * @example
 * const request = trackRequest(http, req, res, { route: routeOf });
 * request.error(error); // when the handler throws
 */
export function trackRequest<Req extends IncomingMessage>(
  http: HttpMetrics,
  req: Req,
  res: ServerResponse,
  hooks: RequestHooks<Req> = {},
): HttpRequest {
  const request = http.start(req.method ?? 'GET', hooks.url?.(req) ?? req.url ?? '/');
  // 'close' comes once, after 'finish' for a sent response and alone for an aborted one
  // (Node >= 16); `on` spares the wrapper `once` allocates per request.
  res.on('close', () => {
    let route: string | undefined;
    try {
      route = hooks.route?.(req);
      const error = hooks.error?.(req);
      if (error !== undefined) request.error(error);
    } catch {
      // A failing hook leaves the route to the path normaliser.
    }
    if (!res.writableFinished) return request.abort(route);
    request.end(
      res.statusCode,
      route,
      http.sizes ? { request: contentLength(req.headers['content-length']), response: contentLength(res.getHeader('content-length')) } : undefined,
    );
  });
  return request;
}
