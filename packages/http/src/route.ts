/** The `route` label of requests no route matched (404s without a route template): never the raw path. */
export const UNMATCHED_ROUTE = '<unmatched>';

/** The `route` label once `maxRoutes` distinct normalised paths have been seen. */
export const OVERFLOW_ROUTE = '<overflow>';

/** What a path segment that identifies a resource becomes. */
const ID = ':id';

// Segments that are ids rather than names: integers, UUIDs, hex of 8+ digits (hashes, object
// ids), and any 16+ character token containing a digit (base64/base62 ids, JWTs, slugs with
// numbers). Words such as `v2` or `oauth2` stay.
const ID_SEGMENT =
  /^(?:\d+|[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}|(?=[^/]*\d)[\da-f]{8,}|(?=[^/]*\d)[^/]{16,})$/i;

/**
 * The path of a request target: what precedes `?` or `#`.
 *
 * @example
 * pathOf('/users/7?tab=posts'); // '/users/7'
 */
export function pathOf(url: string): string {
  // indexOf twice beats a regex search on the per-request path.
  let end = url.indexOf('?');
  const hash = url.indexOf('#');
  if (hash >= 0 && (end < 0 || hash < end)) end = hash;
  return end < 0 ? url : url.slice(0, end);
}

/**
 * A route label for a path when no route template is known: segments that look like ids
 * (numbers, UUIDs, long hex, opaque tokens with digits) become `:id`.
 *
 * @example
 * normalizePath('/users/42/orders/9f1c2e4a-7b3d-4c5e-8f6a-1b2c3d4e5f60'); // '/users/:id/orders/:id'
 */
export function normalizePath(path: string): string {
  return path.split('/').map((segment) => (ID_SEGMENT.test(segment) ? ID : segment)).join('/') || '/';
}
