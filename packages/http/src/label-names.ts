import type { HttpMetricsOptions } from './options';
import type { Labels, Recorder } from './request';

/**
 * The label names of the HTTP metrics (`labelNames`, then the static `labels`) and the label
 * objects of one request under them. The default names get an object literal, which V8 builds
 * fastest; custom names and static labels get computed keys.
 */
export function labelMakers(options: HttpMetricsOptions): Pick<Recorder, 'labelsOf' | 'errorLabelsOf'> & { names: string[] } {
  const { method = 'method', route = 'route', status = 'status_code' } = options.labelNames ?? {};
  const extra = options.labels && Object.keys(options.labels).length ? { ...options.labels } as Labels : undefined;
  const names = [method, route, status, ...Object.keys(extra ?? {})];
  if (!extra && method === 'method' && route === 'route' && status === 'status_code') {
    return { names, labelsOf: (m, r, s) => ({ method: m, route: r, status_code: s }), errorLabelsOf: (e, r) => ({ error_type: e, route: r }) };
  }
  return {
    names,
    labelsOf: (m, r, s) => ({ [method]: m, [route]: r, [status]: s, ...extra }),
    errorLabelsOf: (e, r) => ({ error_type: e, [route]: r, ...extra }),
  };
}
