import { defaultRegistry } from '@promkit/core';
import { type AdapterOptions, countErrors, isScrapeRequest, resolveAdapterOptions } from '@promkit/http';
import { nodeScrapeResponse, trackRequest } from '@promkit/node';
import type { Context, Middleware } from 'koa';

// Set by `@koa/router` to the template of the route that matched, prefixes included.
const matchedRoute = (ctx: Context): string | undefined => (ctx as { _matchedRoute?: string | RegExp })._matchedRoute?.toString();

/**
 * Koa middleware serving the scrape: OpenMetrics or text 0.0.4 by the `Accept` header, or a
 * binary format added with `registry.addFormat` (protobuf) when the scraper prefers it, each
 * with its exact content type, after awaiting async `collect` callbacks; a failing scrape
 * answers 500.
 *
 * @example
 * import Router from '@koa/router';
 * import { metricsHandler } from '@promkit/koa';
 * const router = new Router();
 * router.get('/internal/metrics', metricsHandler());
 */
export function metricsHandler(options: Pick<AdapterOptions, 'registry'> = {}): Middleware {
  const { registry = defaultRegistry } = options;
  return async function serveScrape(ctx) {
    // A Buffer or a string, which Koa sends as it is with its Content-Length (and no body for a HEAD).
    const { status, contentType, body } = await nodeScrapeResponse(registry, ctx.get('accept'));
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
  const { http, path } = resolveAdapterOptions(options);
  const scrape = metricsHandler({ registry: http.registry });
  return function prometheusMiddleware(ctx, next) {
    if (isScrapeRequest(ctx.method, ctx.originalUrl, path)) return scrape(ctx, next);
    const request = trackRequest(http, ctx.req, ctx.res, { url: () => ctx.originalUrl, route: () => matchedRoute(ctx) });
    // Counted, then rethrown: Koa's (or the app's) error handling answers as before.
    return countErrors(request, next);
  };
}
