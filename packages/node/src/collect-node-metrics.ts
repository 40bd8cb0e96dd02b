import { defaultRegistry, type Registry } from '@promkit/core';
import { eventLoopMetrics } from './eventloop-metrics';
import { gcMetrics } from './gc-metrics';
import { handleMetrics } from './handle-metrics';
import { heapMetrics } from './heap-metrics';
import { processMetrics } from './process-metrics';
import { runtimeDefiner } from './runtime-definer';
import type { NodeMetricsOptions } from './runtime-options';

// One set of observers per registry: a second call (hot reload, two modules) reuses them.
const running = new WeakMap<Registry, () => void>();

/**
 * Registers Node.js runtime metrics under the names, types, labels and help texts of
 * prom-client's default metrics (`process_cpu_seconds_total`, `process_resident_memory_bytes`,
 * `nodejs_eventloop_lag_seconds`, `nodejs_heap_size_used_bytes`, `nodejs_gc_duration_seconds`,
 * `nodejs_version_info`, ...), so dashboards built for prom-client work unchanged. Values are
 * read at scrape time; only the event loop monitor and the GC observer run in between.
 * Returns a function that stops them.
 *
 * @example
 * import { collectNodeMetrics } from '@promkit/node';
 * const stop = collectNodeMetrics({ registry });
 */
export function collectNodeMetrics(options: NodeMetricsOptions = {}): () => void {
  const registry = options.registry ?? defaultRegistry;
  const existing = running.get(registry);
  if (existing) return existing;
  const define = runtimeDefiner({ ...options, registry });
  processMetrics(define);
  const stopLoop = eventLoopMetrics(define);
  handleMetrics(define);
  heapMetrics(define);
  const [major, minor, patch] = process.versions.node.split('.');
  define.registry.gauge({
    name: `${options.prefix ?? ''}nodejs_version_info`,
    help: 'Node.js version info.',
    labelNames: ['version', 'major', 'minor', 'patch', ...define.labelNames],
    collect: (gauge) => gauge.set({ version: process.version, major, minor, patch, ...define.labels } as never, 1),
  });
  const stopGc = gcMetrics(define);
  const stop = () => {
    if (running.get(registry) !== stop) return;
    running.delete(registry);
    stopLoop();
    stopGc();
  };
  running.set(registry, stop);
  return stop;
}
