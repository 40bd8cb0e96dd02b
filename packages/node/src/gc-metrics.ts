import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { RuntimeDefiner } from './runtime-options';

const KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** `nodejs_gc_duration_seconds{kind}` from V8's GC performance entries. Returns the function that stops observing. */
export function gcMetrics(define: RuntimeDefiner): () => void {
  const { registry, options, labels, labelNames } = define;
  const gc = registry.histogram({
    name: `${options.prefix ?? ''}nodejs_gc_duration_seconds`,
    help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.',
    labelNames: ['kind', ...labelNames],
    buckets: options.gcDurationBuckets ?? [0.001, 0.01, 0.1, 1, 2, 5],
  });
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? -1];
      if (kind) gc.observe({ kind, ...labels } as never, entry.duration / 1000);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
