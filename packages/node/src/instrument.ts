import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdapterOptions, httpMetricsOf } from '@promkit/http';
import { trackRequest } from './track-response';

/** Options of {@link instrument}. */
export interface InstrumentOptions extends Omit<AdapterOptions, 'path'> {
  /** The route template of a request when your own router knows it. Default: none (the path normaliser decides). */
  readonly route?: (req: IncomingMessage) => string | undefined;
}

/**
 * Wraps a node:http request handler with the HTTP metrics. What the handler returns or throws
 * passes through unchanged; a throw or rejection is also counted in `http_request_errors_total`.
 *
 * @example
 * import { createServer } from 'node:http';
 * const server = createServer(instrument((req, res) => res.end('ok')));
 */
export function instrument<R, Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  handler: (req: Req, res: Res) => R,
  options: InstrumentOptions = {},
): (req: Req, res: Res) => R {
  const http = httpMetricsOf(options);
  const hooks = { route: options.route };
  return function instrumented(this: unknown, req, res) {
    const request = trackRequest(http, req, res, hooks);
    try {
      const result = handler.call(this, req, res);
      if (result instanceof Promise) {
        return result.catch((error: unknown) => {
          request.error(error);
          throw error;
        }) as R;
      }
      return result;
    } catch (error) {
      request.error(error);
      throw error;
    }
  };
}
