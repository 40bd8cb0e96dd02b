import type { Counter, CounterConfig } from './counter';
import type { Gauge, GaugeConfig } from './gauge';
import type { Histogram, HistogramConfig } from './histogram';
import { Registry } from './registry';
import type { Summary, SummaryConfig } from './summary';

// Symbol.for is shared across realms' module copies, so ESM and CJS builds, bundler
// duplicates and hot-reloaded modules all find one registry on globalThis.
const KEY = Symbol.for('promkit.defaultRegistry');

const sharedRegistry = (): Registry => ((globalThis as Record<symbol, Registry>)[KEY] ??= new Registry());

/**
 * The process-wide registry used by {@link counter}, {@link gauge}, {@link histogram} and {@link summary}; shared
 * by every copy of this package loaded in the same JavaScript realm.
 *
 * @example
 * const text = defaultRegistry.metrics();
 */
export const defaultRegistry: Registry = /* @__PURE__ */ sharedRegistry();

/**
 * Gets or creates a counter in the {@link defaultRegistry}.
 *
 * @example
 * const jobs = counter({ name: 'jobs_total', help: 'Jobs run.' });
 */
export const counter = <const N extends string = never>(config: CounterConfig<N>): Counter<N> =>
  defaultRegistry.counter(config);

/**
 * Gets or creates a gauge in the {@link defaultRegistry}.
 *
 * @example
 * const depth = gauge({ name: 'queue_depth', help: 'Jobs waiting.' });
 */
export const gauge = <const N extends string = never>(config: GaugeConfig<N>): Gauge<N> =>
  defaultRegistry.gauge(config);

/**
 * Gets or creates a histogram in the {@link defaultRegistry}.
 *
 * @example
 * const latency = histogram({ name: 'job_duration_seconds', help: 'Job time.' });
 */
export const histogram = <const N extends string = never>(config: HistogramConfig<N>): Histogram<N> =>
  defaultRegistry.histogram(config);

/**
 * Gets or creates a summary in the {@link defaultRegistry}.
 *
 * @example
 * const latency = summary({ name: 'job_duration_seconds', help: 'Job time.', quantiles: [0.5, 0.99] });
 */
export const summary = <const N extends string = never>(config: SummaryConfig<N>): Summary<N> =>
  defaultRegistry.summary(config);
