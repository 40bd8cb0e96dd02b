import { type LeaveWatcher, metricsHandler, trackRequest, watchSignal } from '@promkit/fetch';
import { type AdapterOptions, isScrapeRequest, resolveAdapterOptions } from '@promkit/http';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';

// The route path of the handler that ran last: after next(), the route that answered. A
// wildcard means only middleware ran (nothing matched), which the 404 rule handles.
const routeOf = (c: Context): string | undefined => {
  const route = routePath(c);
  return route && !route.endsWith('*') ? route : undefined;
};

// What @hono/node-server puts in `c.env.outgoing`: Node's ServerResponse.
interface NodeResponse {
  readonly writableFinished: boolean;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
}

const isNodeResponse = (value: unknown): value is NodeResponse =>
  typeof value === 'object' && value !== null && typeof (value as NodeResponse).on === 'function' && 'writableFinished' in value;

// On @hono/node-server, reading `request.signal` makes the server build an AbortController and
// listeners for the request: +110 % server CPU per request (bench/overhead.mjs, hono). Node's
// response closing unfinished says the same for the price of one listener.
const watchLeave = (c: Context): LeaveWatcher => {
  const outgoing: unknown = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  if (!isNodeResponse(outgoing)) return watchSignal(c.req.raw);
  return (leave) => {
    const onClose = () => outgoing.writableFinished || leave();
    outgoing.on('close', onClose);
    return () => outgoing.off('close', onClose);
  };
};

/**
 * Hono middleware recording the HTTP metrics, with the matched route path (`/posts/:id`) as
 * the `route` label, and serving the scrape at `path` (`/metrics`). Errors Hono turns into
 * responses (`app.onError`) are counted with the status they got; a request whose client
 * leaves before the response is recorded as 499.
 *
 * @example
 * import { Hono } from 'hono';
 * import { prometheus } from '@promkit/hono';
 *
 * const app = new Hono();
 * app.use(prometheus());
 */
export function prometheus(options: AdapterOptions = {}): MiddlewareHandler {
  const { http, path } = resolveAdapterOptions(options);
  const scrape = metricsHandler({ registry: http.registry });
  return async function prometheusMiddleware(c, next) {
    if (isScrapeRequest(c.req.method, c.req.path, path)) return scrape(c.req.raw);
    const tracked = trackRequest(http, c.req.raw, () => routeOf(c), watchLeave(c));
    try {
      await next();
    } catch (error) {
      tracked.fail(error);
      throw error;
    }
    tracked.respond(c.res, c.error);
  };
}
