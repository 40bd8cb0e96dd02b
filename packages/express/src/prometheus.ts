import { type AdapterOptions, isScrapeRequest, resolveAdapterOptions } from '@promkit/http';
import { metricsHandler, type RequestHooks, trackRequest } from '@promkit/node';
import type { Application, ErrorRequestHandler, NextFunction, Request, RequestHandler, Router } from 'express';

// The route template: the matched route's path under the base paths of the routers it is mounted in.
// A router's root route (`router.get('/')` mounted at `/orders`) is the mount path itself.
const routeOf = (req: Request): string | undefined => {
  const path: unknown = req.route?.path;
  if (path === undefined) return undefined;
  const base = req.baseUrl ?? '';
  return base && path === '/' ? base : `${base}${String(path)}` || '/';
};

// Errors seen by the observer, read when the response closes. Written only when a handler
// throws, so the common path adds no entry (nor a property that would reshape `req`).
const errors = new WeakMap<object, unknown>();

const observeError: ErrorRequestHandler = function observeError(error: unknown, req: Request, _res, next: NextFunction): void {
  errors.set(req, error);
  next(error);
};

const hooks: RequestHooks<Request> = {
  url: (req) => req.originalUrl ?? req.url ?? '/',
  route: routeOf,
  error: (req) => errors.get(req),
};

// Express hands a thrown error to the next error-handling middleware, not back to ours. So,
// once per app, an error observer goes in front of the first error handler after our
// middleware: it sees every error a route throws and passes it on, leaving the app's error
// handling as it was.
const observed = new WeakSet<Application>();
function observeErrors(app: Application, middleware: RequestHandler): void {
  if (observed.has(app)) return;
  observed.add(app);
  // Express 4 keeps the router in `_router` (its `router` getter throws); Express 5 in `router`.
  const router = (app._router ?? app.router) as Router | undefined;
  if (!router?.stack) return;
  router.use(observeError);
  const layer = router.stack.pop() as Router['stack'][number];
  const from = Math.max(0, router.stack.findIndex((l) => l.handle === middleware));
  const at = router.stack.findIndex((l, i) => i > from && l.handle.length === 4);
  router.stack.splice(at < 0 ? router.stack.length : at, 0, layer);
}

/**
 * Express 4 and 5 middleware recording the HTTP metrics, with the matched route template
 * (mounted routers included) as the `route` label, and serving the scrape at `/metrics`.
 * Put it first so it sees every request.
 *
 * @example
 * import express from 'express';
 * import { prometheus } from '@promkit/express';
 * const app = express();
 * app.use(prometheus());
 */
export function prometheus(options: AdapterOptions = {}): RequestHandler {
  const { http, path } = resolveAdapterOptions(options);
  const scrape = metricsHandler({ registry: http.registry, onInternalError: (error) => http.onInternalError(error) });
  return function prometheusMiddleware(req, res, next) {
    if (isScrapeRequest(req.method, req.originalUrl ?? req.url, path)) {
      void scrape(req, res);
      return;
    }
    try {
      trackRequest(http, req, res, hooks);
      if (req.app) observeErrors(req.app, prometheusMiddleware);
    } catch (error) {
      // Metrics never stand between a request and the app: reported, then the app goes on.
      http.onInternalError(error);
    }
    next();
  };
}
