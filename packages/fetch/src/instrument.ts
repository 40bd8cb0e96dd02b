import { type AdapterOptions, httpMetricsOf } from '@promkit/http';
import { trackRequest } from './track-request';

/** Options of {@link instrument}. */
export interface InstrumentOptions extends Omit<AdapterOptions, 'path'> {
  /** The route template of a request, when your router knows it. Default: none (the path normaliser decides). */
  readonly route?: (request: Request, response: Response | undefined) => string | undefined;
}

/**
 * Wraps a fetch handler (`(request, ...rest) => Response`) with the HTTP metrics, for Cloudflare
 * Workers, Deno, Bun and any other fetch-style server. The duration runs until the handler
 * returns its `Response`; a request whose `signal` aborts first is recorded as 499. Whatever
 * the handler returns or throws passes through unchanged.
 *
 * @example
 * export default {
 *   fetch: instrument((request: Request) => new Response('ok'), { registry }),
 * };
 */
export function instrument<A extends unknown[]>(
  handler: (request: Request, ...rest: A) => Response | Promise<Response>,
  options: InstrumentOptions = {},
): (request: Request, ...rest: A) => Promise<Response> {
  const http = httpMetricsOf(options);
  const { route } = options;
  const routeOf = (request: Request, response: Response | undefined): string | undefined => {
    try {
      return route?.(request, response);
    } catch {
      return undefined;
    }
  };
  return async (request, ...rest) => {
    const { recording, settle } = trackRequest(http, request, () => routeOf(request, undefined));
    try {
      const response = await handler(request, ...rest);
      recording.end(response.status, routeOf(request, response));
      return response;
    } catch (error) {
      recording.error(error);
      recording.end(500, routeOf(request, undefined));
      throw error;
    } finally {
      settle();
    }
  };
}
