import type { IncomingMessage } from 'node:http';
import { defaultRegistry } from '@promkit/core';
import { type AdapterOptions, httpMetricsOf, UNMATCHED_ROUTE } from '@promkit/http';
import { type MetricsHandlerOptions, nodeScrapeResponse, type RequestHooks, trackRequest } from '@promkit/node';
import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';

/**
 * A Fastify route handler serving the scrape: OpenMetrics or text 0.0.4 by the `Accept`
 * header, or a binary format added with `registry.addFormat` (protobuf) when the scraper
 * prefers it, each with its exact content type.
 *
 * @example
 * app.get('/internal/metrics', { config: { metrics: false } }, metricsHandler({ registry }));
 */
export function metricsHandler(options: MetricsHandlerOptions = {}): RouteHandlerMethod {
  const { registry = defaultRegistry } = options;
  return async function scrape(request: FastifyRequest, reply: FastifyReply) {
    // A Buffer: Fastify before 4.18 serialises a bare Uint8Array as JSON, and before 4.25 sends a
    // view's whole ArrayBuffer (fastify/fastify#4735, #5118).
    const { status, contentType, body } = await nodeScrapeResponse(registry, request.headers.accept);
    return reply.code(status).header('content-type', contentType).header('cache-control', 'no-store').send(body);
  };
}

// Errors seen by the onError hook, read when the response closes. Written only when a request
// fails, so the common path adds no entry.
const errors = new WeakMap<IncomingMessage, unknown>();
const errorOf = (req: IncomingMessage): unknown => errors.get(req);

// One hooks object per route template, made on its first request: nothing is allocated per request.
function hooksByRoute(): (route: string) => RequestHooks<IncomingMessage> {
  const byRoute = new Map<string, RequestHooks<IncomingMessage>>();
  return (route) => {
    let hooks = byRoute.get(route);
    if (hooks === undefined) {
      hooks = { route: () => route, error: errorOf };
      byRoute.set(route, hooks);
    }
    return hooks;
  };
}

/**
 * Fastify 4.10+ and 5 plugin recording the HTTP metrics, with the route template Fastify
 * matched as the `route` label (`<unmatched>` for requests no route matched), and serving the
 * scrape at `/metrics`. A route opts out with `config: { metrics: false }`. Registered on the
 * root instance it sees every route; inside a plugin, only that plugin's routes and 404s.
 *
 * @example
 * import Fastify from 'fastify';
 * import { prometheus } from '@promkit/fastify';
 * const app = Fastify();
 * await app.register(prometheus);
 */
export const prometheus: FastifyPluginCallback<AdapterOptions> = Object.assign(
  function prometheus(fastify: FastifyInstance, options: AdapterOptions, done: (error?: Error) => void): void {
    const http = httpMetricsOf(options);
    const { path = '/metrics' } = options;
    const hooksOf = hooksByRoute();
    // An instance hook, added before the app's own hooks, so a request an earlier hook answers
    // (an auth check's 401) is recorded too, and the duration covers every hook.
    fastify.addHook('onRequest', function promkitRequest(request, reply, next) {
      try {
        // routeOptions is Fastify's non-deprecated way to the matched route (4.10+).
        const { url, config } = request.routeOptions;
        if ((config as { metrics?: unknown } | undefined)?.metrics !== false) {
          trackRequest(http, request.raw, reply.raw, hooksOf(url ?? UNMATCHED_ROUTE));
        }
      } catch {
        // Metrics never stand between a request and the app.
      }
      next();
    });
    fastify.addHook('onError', function promkitError(request, _reply, error, next) {
      errors.set(request.raw, error);
      next();
    });
    if (path !== false) fastify.get(path, { config: { metrics: false } }, metricsHandler({ registry: http.registry }));
    done();
  },
  {
    // fastify-plugin's conventions, without depending on it: the hooks apply to the instance
    // the plugin is registered on, not to a child context of its own.
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: '@promkit/fastify',
    [Symbol.for('plugin-meta')]: { name: '@promkit/fastify', fastify: '>=4.10.0 <6' },
  },
);
