import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpMetrics, HttpRequest } from '@promkit/http';

/**
 * What an adapter knows about a node:http request beyond method and URL. Each hook takes the
 * request, so one object serves every request and nothing is allocated per request for it.
 *
 * @example
 * const hooks: RequestHooks<IncomingMessage & { originalUrl?: string }> = { url: (req) => req.originalUrl ?? req.url ?? '/' };
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

// Sent: flushed to the socket, or ended on a socket that is still open when the response
// closes, as with an in-process client (Fastify's app.inject(): its stand-in socket buffers
// what it is given, so `writableFinished` never turns true). A client that left destroyed its
// socket; a response queued behind a hung pipelined request has none.
const sent = (res: ServerResponse): boolean => res.writableFinished || (res.writableEnded && res.socket !== null && !res.socket.destroyed);

function finish<Req extends IncomingMessage>(http: HttpMetrics, request: HttpRequest, req: Req, res: ServerResponse, hooks: RequestHooks<Req>): void {
  let route: string | undefined;
  try {
    route = hooks.route?.(req);
    const error = hooks.error?.(req);
    if (error !== undefined) request.error(error);
  } catch (error) {
    // The route is then left to the path normaliser.
    http.onInternalError(error);
  }
  if (!sent(res)) return request.abort(route);
  const sizes = http.sizes ? { request: contentLength(req.headers['content-length']), response: contentLength(res.getHeader('content-length')) } : undefined;
  request.end(res.statusCode, route, sizes);
}

/**
 * Starts recording a node:http request and ends it exactly once: when its response closes,
 * with the status sent, or as aborted (499) when the client went away first, pipelined
 * requests queued behind a hung one included. Express, Koa and Fastify run on node:http, so
 * their adapters use this too and add only what their framework knows (`hooks`).
 *
 * @example
 * const request = trackRequest(http, req, res, { route: () => '/users/:id' });
 * request.error(new Error('x')); // when the handler throws
 */
export function trackRequest<Req extends IncomingMessage>(
  http: HttpMetrics,
  req: Req,
  res: ServerResponse,
  hooks: RequestHooks<Req> = {},
): HttpRequest {
  // Node joins repeated headers of unknown names with ", ", so a traceparent is a string.
  const traceparent = http.exemplars === 'traceparent' ? (req.headers.traceparent as string | undefined) : undefined;
  const request = http.start(req.method ?? 'GET', hooks.url?.(req) ?? req.url ?? '/', traceparent);
  // Node queues the response of a request pipelined behind an unfinished one without a socket,
  // and (Node 20) never emits 'close' on it when the client leaves: the socket's 'close' ends
  // it then. Only such requests pay for a second listener; the rest check one field.
  const socket = res.socket === null ? req.socket : null;
  let open = true;
  // 'close' comes once per response, after 'finish' for a sent response and alone for an
  // aborted one; `on` spares the wrapper `once` allocates per request.
  const onClose = (): void => {
    if (!open) return;
    open = false;
    socket?.removeListener('close', onClose);
    finish(http, request, req, res, hooks);
  };
  res.on('close', onClose);
  socket?.on('close', onClose);
  return request;
}
