import { defaultRegistry, errorSink } from '@promkit/core';
import type { RuntimeMetricsOptions, RuntimeDefiner } from './runtime-options';

/** Builds the lazily read gauges and counters the runtime metric groups are made of. */
export function runtimeDefiner(options: RuntimeMetricsOptions): RuntimeDefiner {
  const { registry = defaultRegistry, prefix = '' } = options;
  const labels = { ...options.labels };
  const labelNames = Object.keys(labels);
  const report = errorSink(options.onInternalError, 'Node runtime metrics');
  // A reading that throws (a binding that changed, a platform quirk) is reported, and that
  // metric keeps its last value: the rest of the scrape is served.
  const safely = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      report(error);
      return undefined;
    }
  };
  return {
    registry,
    options,
    labels,
    labelNames,
    gauge(name, help, read, label) {
      registry.gauge({
        name: prefix + name,
        help,
        labelNames: label ? [label, ...labelNames] : labelNames,
        collect(gauge) {
          const value = safely(read);
          if (value === undefined) return;
          if (typeof value === 'number') return gauge.set(labels as never, value);
          // Grouped values (handles by type) are replaced whole: a type that went away goes too.
          gauge.reset();
          for (const [key, n] of Object.entries(value)) gauge.set({ [label as string]: key, ...labels } as never, n);
        },
      });
    },
    counter(name, help, read) {
      let reported = 0;
      registry.counter({
        name: prefix + name,
        help,
        labelNames,
        collect(counter) {
          const total = safely(read);
          if (total === undefined) return;
          if (total > reported) counter.inc(labels as never, total - reported);
          reported = Math.max(reported, total);
        },
      });
    },
  };
}
