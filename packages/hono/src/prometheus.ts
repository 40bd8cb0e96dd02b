import { metricsHandler, trackRequest } from '@promkit/fetch';
import { type AdapterOptions, httpMetricsOf, isScrapeRequest } from '@promkit/http';

// What the middleware reads from a Hono 4 context, typed here so that hono stays optional.
interface HonoContext {
  req: { raw: Request; routePath: string };
  res: Response;
  error?: unknown;
}

/**
 * Hono middleware recording the HTTP metrics, with the matched route path (`/posts/:id`) as
 * the `route` label, and serving the scrape at `/metrics`. Errors Hono turns into responses
 * (`app.onError`) are counted with the status they got.
 *
 * @example
 * import { Hono } from 'hono';
 * import { prometheus } from '@promkit/hono';
 * const app = new Hono();
 * app.use(prometheus());
 */
export function prometheus(options: AdapterOptions = {}): (c: HonoContext, next: () => Promise<void>) => Promise<Response | void> {
  const http = httpMetricsOf(options);
  const { path = '/metrics' } = options;
  const scrape = metricsHandler({ registry: http.registry });
  return async (c, next) => {
    const request = c.req.raw;
    if (isScrapeRequest(request.method, request.url, path)) return scrape(request);
    // After next(), routePath is the path of the route that answered; a wildcard means only
    // middleware ran (nothing matched), which the 404 rule handles.
    const routeOf = () => {
      const route = c.req.routePath;
      return route && !route.endsWith('*') ? route : undefined;
    };
    const { recording, settle } = trackRequest(http, request, routeOf);
    try {
      await next();
    } catch (error) {
      recording.error(error);
      recording.end(500, routeOf());
      throw error;
    } finally {
      settle();
    }
    if (c.error !== undefined) recording.error(c.error);
    recording.end(c.res.status, routeOf());
  };
}
