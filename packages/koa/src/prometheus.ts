import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultRegistry } from '@promkit/core';
import { type AdapterOptions, httpMetricsOf, isScrapeRequest, scrapeResponse } from '@promkit/http';
import { trackRequest } from '@promkit/node';

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
export function metricsHandler(options: Pick<AdapterOptions, 'registry'> = {}): Middleware {
  const { registry = defaultRegistry } = options;
  return async (ctx) => {
    const { status, contentType, body } = await scrapeResponse(registry, ctx.get('accept'));
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
export function prometheus(options: AdapterOptions = {}): Middleware {
  const http = httpMetricsOf(options);
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
