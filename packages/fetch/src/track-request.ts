import type { BodySizes, HttpMetrics } from '@promkit/http';

/**
 * A fetch `Request` being recorded: end it with `respond` or `fail`. Whichever of those and
 * the client's abort comes first records the request; the others do nothing.
 *
 * @example
 * const tracked: TrackedRequest = trackRequest(http, request);
 * tracked.respond(new Response('ok'));
 */
export interface TrackedRequest {
  /** Records the `Response` the handler gave (with `error`, one the framework turned into it). */
  respond(response: Response, error?: unknown): void;
  /** Records a handler that threw as a 500 with its error. */
  fail(error: unknown): void;
}

// A Content-Length header as a byte count: 1*DIGIT (RFC 9110 §8.6); anything else gives no size.
const contentLength = (value: string | null): number | undefined => (value !== null && /^\d+$/.test(value) ? Number(value) : undefined);

const sizesOf = (request: Request, response: Response): BodySizes => ({
  request: contentLength(request.headers.get('content-length')),
  response: contentLength(response.headers.get('content-length')),
});

/**
 * Watches for the client leaving: calls `leave` once if it does, and returns the function that
 * stops watching. The default reads the request's `signal`; a framework that knows a cheaper
 * sign (Hono on Node: the response's `close`) passes its own.
 *
 * @example
 * const watch: LeaveWatcher = (leave) => { socket.once('close', leave); return () => socket.off('close', leave); };
 */
export type LeaveWatcher = (leave: () => void) => () => void;

/**
 * The default {@link LeaveWatcher}: the request's `signal` aborts when the client leaves
 * (Bun, Deno, Node servers, and Workers with the `enable_request_signal` flag), or had already.
 *
 * @example
 * const tracked = trackRequest(http, request, undefined, watchSignal(request));
 */
export function watchSignal(request: Request): LeaveWatcher {
  return (leave) => {
    const signal = request.signal as AbortSignal | undefined;
    if (signal?.aborted) {
      leave();
      return () => {};
    }
    signal?.addEventListener('abort', leave, { once: true });
    return () => signal?.removeEventListener('abort', leave);
  };
}

/**
 * Starts recording a fetch `Request`. If its `signal` aborts before the handler answers (the
 * client went away: Bun, Deno, Node servers, and Workers with the `enable_request_signal`
 * flag abort it then), or had already aborted, the request is recorded as aborted (499).
 * `route` gives the route template, or undefined for the path normaliser; if it throws, the
 * normaliser decides.
 *
 * @example
 * const tracked = trackRequest(http, request, () => '/users/:id');
 * const response = await handler(request).catch((error) => { tracked.fail(error); throw error; });
 * tracked.respond(response);
 */
export function trackRequest(
  http: HttpMetrics,
  request: Request,
  route?: (response?: Response) => string | undefined,
  onLeave: LeaveWatcher = watchSignal(request),
): TrackedRequest {
  const recording = http.start(request.method, request.url, http.exemplars === 'traceparent' ? request.headers.get('traceparent') : undefined);
  const routeOf = (response?: Response): string | undefined => {
    try {
      return route?.(response);
    } catch (error) {
      http.onInternalError(error);
      return undefined;
    }
  };
  // Once answered, a later abort (the client leaving while the body streams, or Deno's legacy
  // abort after every response) must not count the request again: `settle` stops watching.
  const settle = onLeave(() => recording.abort(routeOf()));
  return {
    respond(response, error) {
      settle();
      if (error !== undefined) recording.error(error);
      recording.end(response.status, routeOf(response), http.sizes ? sizesOf(request, response) : undefined);
    },
    fail(error) {
      settle();
      recording.error(error);
      recording.end(500, routeOf());
    },
  };
}
