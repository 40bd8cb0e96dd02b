import { type AdapterOptions, httpMetricsOf } from '@promkit/http';
import { trackRequest } from './track-request';

/**
 * Options of {@link instrumentFetch}: the shared {@link AdapterOptions} (without `path`: it serves no scrape) and `route`.
 *
 * @example
 * const options: InstrumentFetchOptions = { exclude: ['/healthz'], route: (request) => router.templateOf(request) };
 */
export interface InstrumentFetchOptions extends Omit<AdapterOptions, 'path'> {
  /** The route template of a request, when your router knows it; `response` is undefined for aborted and failed requests. Default: none (the path normaliser decides). */
  readonly route?: (request: Request, response: Response | undefined) => string | undefined;
}

/**
 * Wraps a fetch handler (`(request, ...rest) => Response`) with the HTTP metrics, for Cloudflare
 * Workers, Deno, Bun and any other fetch-style server. Status and duration are taken when the
 * handler returns its `Response`; a request whose `signal` aborts first is recorded as 499.
 * Whatever the handler returns or throws passes through unchanged, and so do `this` and the
 * extra arguments (`env`, `ctx`).
 *
 * @example
 * import { instrumentFetch } from '@promkit/fetch';
 *
 * export default {
 *   fetch: instrumentFetch((request: Request) => new Response('ok')),
 * };
 */
export function instrumentFetch<A extends unknown[]>(
  handler: (request: Request, ...rest: A) => Response | Promise<Response>,
  options: InstrumentFetchOptions = {},
): (request: Request, ...rest: A) => Promise<Response> {
  const http = httpMetricsOf(options);
  const { route } = options;
  return async function instrumentedFetch(this: unknown, request, ...rest) {
    const tracked = trackRequest(http, request, route && ((response) => route(request, response)));
    let response: Response;
    try {
      response = await handler.call(this, request, ...rest);
    } catch (error) {
      tracked.fail(error);
      throw error;
    }
    tracked.respond(response);
    return response;
  };
}
