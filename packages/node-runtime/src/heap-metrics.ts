import { getHeapSpaceStatistics } from 'node:v8';
import type { RuntimeDefiner } from './runtime-options';

const spaces = (field: 'space_size' | 'space_used_size' | 'space_available_size') => (): Record<string, number> =>
  // `new_space` → `new`, as prom-client labels it.
  Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name.slice(0, s.space_name.indexOf('_space')), s[field]]));

/** V8 heap and external memory, in total and per heap space. */
export function heapMetrics(define: RuntimeDefiner): void {
  define.gauge('nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', () => process.memoryUsage().heapTotal);
  define.gauge('nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', () => process.memoryUsage().heapUsed);
  define.gauge('nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', () => process.memoryUsage().external);
  define.gauge('nodejs_heap_space_size_total_bytes', 'Process heap space size total from Node.js in bytes.', spaces('space_size'), 'space');
  define.gauge('nodejs_heap_space_size_used_bytes', 'Process heap space size used from Node.js in bytes.', spaces('space_used_size'), 'space');
  define.gauge('nodejs_heap_space_size_available_bytes', 'Process heap space size available from Node.js in bytes.', spaces('space_available_size'), 'space');
}
