/**
 * The `route` label of requests no route matched (404s without a route template): never the raw path.
 *
 * @example
 * http.start('GET', '/wp-login.php').end(404); // route="<unmatched>"
 */
export const UNMATCHED_ROUTE = '<unmatched>';

/**
 * The `route` label once `maxRoutes` distinct routes have been made from raw paths.
 *
 * @example
 * createHttpMetrics({ maxRoutes: 50 }); // the 51st distinct route is "<overflow>"
 */
export const OVERFLOW_ROUTE = '<overflow>';

/**
 * What ends a `route` label cut at `maxRouteLength`.
 *
 * @example
 * createHttpMetrics({ maxRouteLength: 12 }); // '/a/b/c/d/e/f/g/h' is recorded as '/a/b/c/d/e/f…'
 */
export const TRUNCATED_MARK = '…';

/** What a path segment that identifies a resource becomes. */
const ID = ':id';

// Segments that are ids rather than names: integers, UUIDs, hex of 8+ digits (hashes, object
// ids), and any 16+ character token containing a digit (base64/base62 ids, JWTs, slugs with
// numbers). Words such as `v2` or `oauth2` stay.
const ID_SEGMENT =
  /^(?:\d+|[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}|(?=[^/]*\d)[\da-f]{8,}|(?=[^/]*\d)[^/]{16,})$/i;

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

/**
 * A route label made from a raw path, capped: segments longer than `maxSegment` characters
 * become `:id`, and the whole is cut at `maxRoute` characters and ends in {@link TRUNCATED_MARK}
 * (never between the halves of a surrogate pair, which would encode as U+FFFD). A 14 KB path
 * cannot put 14 KB into every sample of its series.
 */
export function capRoute(route: string, maxSegment: number, maxRoute: number): string {
  if (route.length <= maxSegment && route.length <= maxRoute) return route;
  let capped = route
    .split('/')
    .map((segment) => (segment.length > maxSegment ? ID : segment))
    .join('/');
  if (capped.length > maxRoute) {
    const end = maxRoute - (/[\uD800-\uDBFF]/.test(capped[maxRoute - 1] as string) ? 1 : 0);
    capped = capped.slice(0, end) + TRUNCATED_MARK;
  }
  return capped;
}
