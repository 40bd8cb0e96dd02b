import type { RuntimeDefiner } from './runtime-options';

// Node's own (undocumented, long-standing) lists of what keeps the loop busy, as prom-client reads them.
const internals = process as unknown as { _getActiveHandles?: () => object[]; _getActiveRequests?: () => object[] };

const byClass = (list: object[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of list) {
    const name = item?.constructor?.name;
    if (name) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
};

const byName = (list: string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const name of list) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
};

/** Active libuv handles, requests and resources, by type and in total. */
export function handleMetrics(define: RuntimeDefiner): void {
  const handles = () => internals._getActiveHandles?.() ?? [];
  const requests = () => internals._getActiveRequests?.() ?? [];
  define.gauge('nodejs_active_resources', 'Number of active resources that are currently keeping the event loop alive, grouped by async resource type.', () => byName(process.getActiveResourcesInfo()), 'type');
  define.gauge('nodejs_active_resources_total', 'Total number of active resources.', () => process.getActiveResourcesInfo().length);
  define.gauge('nodejs_active_handles', 'Number of active libuv handles grouped by handle type. Every handle type is C++ class name.', () => byClass(handles()), 'type');
  define.gauge('nodejs_active_handles_total', 'Total number of active handles.', () => handles().length);
  define.gauge('nodejs_active_requests', 'Number of active libuv requests grouped by request type. Every request type is C++ class name.', () => byClass(requests()), 'type');
  define.gauge('nodejs_active_requests_total', 'Total number of active requests.', () => requests().length);
}
