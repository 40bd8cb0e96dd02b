import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultRegistry } from '@promkit/core';
import { createHttpMetrics, isScrapeRequest, scrapeResponse } from '@promkit/http';
import { type AdapterOptions, trackRequest } from '@promkit/node';

/** Options of {@link prometheus} and {@link metricsHandler}. */
export interface PrometheusOptions extends AdapterOptions {
  /** Path where the middleware serves the scrape itself; `false` to serve it elsewhere. Default: `'/metrics'`. */
  readonly path?: string | false;
}

// What the middleware reads from a Koa 2 or 3 context, typed here so that either version fits.
interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  originalUrl: string;
  status: number;
  body: unknown;
  /** Set by `@koa/router` to the template of the route that matched, prefixes included. */
  _matchedRoute?: string | RegExp;
  get(field: string): string;
  set(field: string, value: string): void;
}
type Middleware = (ctx: Context, next: () => Promise<unknown>) => Promise<void>;

/**
 * Koa middleware serving the scrape: OpenMetrics or text 0.0.4 by the `Accept` header, each
 * with its exact content type.
 *
 * @example
 * router.get('/internal/metrics', metricsHandler({ registry }));
 */
export function metricsHandler(options: Pick<PrometheusOptions, 'registry'> = {}): Middleware {
  const { registry = defaultRegistry } = options;
  return async (ctx) => {
    const { status, contentType, body } = scrapeResponse(registry, ctx.get('accept'));
    ctx.status = status;
    // The header first: Koa's body setter only picks a content type when none is set.
    ctx.set('content-type', contentType);
    ctx.set('cache-control', 'no-store');
    ctx.body = body;
  };
}

/**
 * Koa 2 and 3 middleware recording the HTTP metrics, with `@koa/router`'s matched route as the
 * `route` label, and serving the scrape at `/metrics`. Use it first, before error handling.
 *
 * @example
 * import Koa from 'koa';
 * import { prometheus } from '@promkit/koa';
 * const app = new Koa();
 * app.use(prometheus());
 */
export function prometheus(options: PrometheusOptions = {}): Middleware {
  const http = options.http ?? createHttpMetrics(options);
  const { path = '/metrics' } = options;
  const scrape = metricsHandler({ registry: http.registry });
  return async (ctx, next) => {
    if (isScrapeRequest(ctx.method, ctx.originalUrl, path)) return scrape(ctx, next);
    const request = trackRequest(http, ctx.req, ctx.res, { url: () => ctx.originalUrl, route: () => ctx._matchedRoute?.toString() });
    try {
      await next();
    } catch (error) {
      // Counted, then rethrown: Koa's (or the app's) error handling answers as before.
      request.error(error);
      throw error;
    }
  };
}
