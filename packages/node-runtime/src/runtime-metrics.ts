import { defaultRegistry, type Registry } from '@promkit/core';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { eventLoopMetrics } from './eventloop-metrics';
import { gcMetrics, gcObserver, type GcObserver } from './gc-metrics';
import { handleMetrics } from './handle-metrics';
import { heapMetrics } from './heap-metrics';
import { processMetrics } from './process-metrics';
import { runtimeDefiner } from './runtime-definer';
import type { RuntimeMetricsOptions } from './runtime-options';

/** The two monitors that run between scrapes, shared by every call for one registry and prefix. */
interface Monitors {
  readonly loop: IntervalHistogram;
  readonly gc: GcObserver;
  readonly stop: () => void;
  running: boolean;
}

// One set of monitors per registry and prefix: a second call (hot reload, two modules) reuses
// them, and the metrics it gets back from the registry read the same monitors.
const monitors = new WeakMap<Registry, Map<string, Monitors>>();

function monitorsOf(registry: Registry, options: RuntimeMetricsOptions): Monitors {
  const byPrefix = monitors.get(registry) ?? new Map<string, Monitors>();
  monitors.set(registry, byPrefix);
  const prefix = options.prefix ?? '';
  const existing = byPrefix.get(prefix);
  if (existing) return existing;
  const created: Monitors = {
    loop: monitorEventLoopDelay({ resolution: options.eventLoopMonitoringPrecision ?? 10 }),
    gc: gcObserver(),
    running: false,
    stop: () => {
      if (!created.running) return;
      created.running = false;
      created.loop.disable();
      created.loop.reset();
      created.gc.stop();
    },
  };
  byPrefix.set(prefix, created);
  return created;
}

/**
 * Registers Node.js runtime metrics under the names, types, labels and help texts of
 * prom-client's default metrics (`process_cpu_seconds_total`, `process_resident_memory_bytes`,
 * `nodejs_eventloop_lag_seconds`, `nodejs_heap_size_used_bytes`, `nodejs_gc_duration_seconds`,
 * `nodejs_version_info`, ...), so dashboards built for prom-client work unchanged. Values are
 * read at scrape time; only the event loop delay monitor and the GC observer run in between,
 * and neither keeps the process alive. Returns a function that stops them.
 *
 * Calling it again for the same registry and prefix returns the same stop function and starts
 * no second monitor (it restarts them if they were stopped, and re-registers metrics removed
 * by `registry.clear()`); `eventLoopMonitoringPrecision` and `onInternalError` are taken from the first call.
 *
 * @example
 * import { createRuntimeMetrics } from '@promkit/node-runtime';
 * const stop = createRuntimeMetrics({ registry, labels: { pod: 'web-1' } });
 * // on shutdown:
 * stop();
 */
export function createRuntimeMetrics(options: RuntimeMetricsOptions = {}): () => void {
  const registry = options.registry ?? defaultRegistry;
  const running = monitorsOf(registry, options);
  // Get-or-create: metrics already registered keep reading the same monitors.
  const define = runtimeDefiner({ ...options, registry });
  processMetrics(define);
  eventLoopMetrics(define, running.loop);
  handleMetrics(define);
  heapMetrics(define);
  const [major, minor, patch] = process.versions.node.split('.');
  registry.gauge({
    name: `${options.prefix ?? ''}nodejs_version_info`,
    help: 'Node.js version info.',
    labelNames: ['version', 'major', 'minor', 'patch', ...define.labelNames],
    collect: (gauge) => gauge.set({ version: process.version, major, minor, patch, ...define.labels } as never, 1),
  });
  gcMetrics(define, running.gc);
  if (!running.running) {
    running.running = true;
    running.loop.enable();
    running.gc.start();
  }
  return running.stop;
}
