import type { HttpMetricsOptions } from './options';
import { capRoute, normalizePath, OVERFLOW_ROUTE, UNMATCHED_ROUTE } from './route';

/**
 * The `route` label of a request the framework knows no route template for: `<unmatched>`
 * for a 404, else the normalised, capped path, and `<overflow>` once `maxRoutes` distinct
 * routes have been made, so that a scan of random URLs can neither add series nor bytes
 * without bound.
 */
export function routeLabeler(options: HttpMetricsOptions): (path: string, status: number) => string {
  const { normalizePath: normalize = normalizePath, maxRoutes = 100, maxSegmentLength = 64, maxRouteLength = 128 } = options;
  const seen = new Set<string>();
  return (path, status) => {
    if (status === 404) return UNMATCHED_ROUTE;
    const route = capRoute(normalize(path), maxSegmentLength, maxRouteLength);
    if (seen.has(route)) return route;
    if (seen.size >= maxRoutes) return OVERFLOW_ROUTE;
    seen.add(route);
    return route;
  };
}
