import type { Histogram } from '@promkit/core';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { RuntimeDefiner } from './runtime-options';

const KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** Where a {@link GcObserver} records: the histogram now registered, and the static labels. */
interface GcTarget {
  readonly histogram: Histogram<string>;
  readonly labels: Readonly<Record<string, unknown>>;
}

/** Watches V8's GC performance entries into the histogram {@link gcMetrics} last registered. */
export interface GcObserver {
  target: GcTarget | undefined;
  start(): void;
  stop(): void;
}

/** An observer of V8's GC entries, not yet started. It holds no handle, so it never keeps the process alive. */
export function gcObserver(): GcObserver {
  const gc: GcObserver = {
    target: undefined,
    start: () => observer.observe({ entryTypes: ['gc'] }),
    stop: () => observer.disconnect(),
  };
  const observer = new PerformanceObserver((list) => {
    const target = gc.target;
    if (!target) return;
    for (const entry of list.getEntries()) {
      const kind = KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? -1];
      if (kind) target.histogram.observe({ kind, ...target.labels } as never, entry.duration / 1000);
    }
  });
  return gc;
}

/** Registers `nodejs_gc_duration_seconds{kind}` (get-or-create) and points `observer` at it. */
export function gcMetrics(define: RuntimeDefiner, observer: GcObserver): void {
  const { registry, options, labels, labelNames } = define;
  const histogram = registry.histogram({
    name: `${options.prefix ?? ''}nodejs_gc_duration_seconds`,
    help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.',
    labelNames: ['kind', ...labelNames],
    buckets: options.gcDurationBuckets ?? [0.001, 0.01, 0.1, 1, 2, 5],
  });
  observer.target = { histogram, labels };
}
