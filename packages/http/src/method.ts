// The methods of RFC 9110 plus PATCH (RFC 5789). Anything else is one label value, so a client
// sending random methods cannot create series (OpenTelemetry's semantic conventions use `_OTHER`).
const KNOWN = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/**
 * The `method` label of requests whose method is not a standard HTTP method.
 *
 * @example
 * normalizeMethod('BREW') === OTHER_METHOD; // true
 */
export const OTHER_METHOD = '_OTHER';

/**
 * The `method` label for a request method: the standard methods upper-cased, anything else {@link OTHER_METHOD}.
 *
 * @example
 * normalizeMethod('get'); // 'GET'
 * normalizeMethod('PURGE'); // '_OTHER'
 */
export function normalizeMethod(method: string): string {
  if (KNOWN.has(method)) return method;
  const upper = typeof method === 'string' ? method.toUpperCase() : '';
  return KNOWN.has(upper) ? upper : OTHER_METHOD;
}
