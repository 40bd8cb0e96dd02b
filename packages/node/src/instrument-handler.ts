import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdapterOptions, countErrors, httpMetricsOf } from '@promkit/http';
import { type RequestHooks, trackRequest } from './track-request';

/**
 * Options of {@link instrumentHandler}: the HTTP metrics options, `http`, and `route`.
 *
 * @example
 * const options: InstrumentHandlerOptions = { route: (req) => (req.url?.startsWith('/users/') ? '/users/:id' : undefined) };
 */
export interface InstrumentHandlerOptions extends Omit<AdapterOptions, 'path'> {
  /** The route template of a request when your own router knows it. Default: none (the path normaliser decides). */
  readonly route?: (req: IncomingMessage) => string | undefined;
}

/**
 * Wraps a node:http request handler with the HTTP metrics. What the handler returns or throws
 * passes through unchanged; a throw or rejection is also counted in `http_request_errors_total`.
 *
 * @example
 * import { createServer } from 'node:http';
 * const server = createServer(instrumentHandler((req, res) => res.end('ok')));
 */
export function instrumentHandler<R, Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  handler: (req: Req, res: Res) => R,
  options: InstrumentHandlerOptions = {},
): (req: Req, res: Res) => R {
  const http = httpMetricsOf(options);
  const hooks: RequestHooks<Req> = { route: options.route };
  return function instrumentedHandler(this: unknown, req, res) {
    const request = trackRequest(http, req, res, hooks);
    return countErrors(request, () => handler.call(this, req, res));
  };
}
