import { Counter, type CounterConfig } from './counter';
import { OPENMETRICS_CONTENT_TYPE, render, TEXT_CONTENT_TYPE } from './exposition';
import { prefersOpenMetrics } from './negotiate';
import { Gauge, type GaugeConfig } from './gauge';
import { Histogram, type HistogramConfig } from './histogram';
import type { Metric } from './metric';
import type { Series } from './series';
import { type MetricFamilySnapshot, snapshotFamilies } from './snapshot';
import type { LabelValue } from './types';
import { checkLabelNames, checkMaxSeries, labelString } from './validate';

/** Any metric a registry holds. */
export type AnyMetric = Counter<string> | Gauge<string> | Histogram<string>;

/** Options of a {@link Registry}. */
export interface RegistryOptions {
  /** Labels added to every series of every metric (a metric's own label of the same name wins). Default: none. */
  readonly labels?: Readonly<Record<string, LabelValue>>;
  /** Series cap of each metric that sets none itself. Default: 10,000. */
  readonly maxSeries?: number;
}

/** The exposition format: Prometheus text 0.0.4 (`'text'`) or OpenMetrics 1.0 (`'openmetrics'`). */
export type ExpositionFormat = 'text' | 'openmetrics';

/** A rendered scrape: the body and the exact content type of its format. */
export interface Scrape {
  readonly contentType: string;
  readonly body: string;
}

// What must match for a second registration to return the first metric. Label order does
// not matter: callers pass label objects.
const definition = (metric: Metric<string, Series, unknown> & { buckets?: readonly number[] }): string =>
  `${metric.type} ${metric.name}{${[...metric.labelNames].sort().join(',')}}` +
  (metric.buckets ? ` buckets [${metric.buckets.join(',')}]` : '') +
  (metric.unit ? ` unit ${metric.unit}` : '');

// The self-metrics' names, reserved in every registry.
const SELF_METRICS = ['promkit_series_dropped_total', 'promkit_collect_errors_total'];

// The names a metric uses in either format: its family name(s) and every sample name.
const exposedNames = (type: string, name: string): string[] =>
  type === 'counter'
    ? [name, name.slice(0, -6), `${name.slice(0, -6)}_created`]
    : type === 'histogram'
      ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`, `${name}_created`]
      : [name];

/**
 * Holds metrics by name and renders them. Registering a name twice returns the metric
 * already there when the definitions agree (hot reload, test re-runs, two modules sharing
 * a metric), and throws an error showing both definitions when they do not.
 *
 * @example
 * const registry = new Registry({ labels: { service: 'api' } });
 * const jobs = registry.counter({ name: 'jobs_total', help: 'Jobs run.' });
 * jobs.inc();
 * registry.metrics(); // '# HELP jobs_total Jobs run.\n# TYPE jobs_total counter\njobs_total{service="api"} 1\n'
 */
export class Registry {
  /** Default labels, as strings. */
  readonly labels: Readonly<Record<string, string>>;
  /** Series cap of each metric that sets none itself. */
  readonly maxSeries: number;
  readonly #metrics = new Map<string, AnyMetric>();
  // Every name a metric's samples and families use in either format, to the metric (or self-metric) using it.
  readonly #names = new Map<string, AnyMetric | string>(SELF_METRICS.flatMap((name) => exposedNames('counter', name).map((n) => [n, name])));
  readonly #created = Date.now();

  constructor(options: RegistryOptions = {}) {
    const { labels = {}, maxSeries = 10_000 } = options;
    checkLabelNames('registry labels', Object.keys(labels), ['le', 'quantile']);
    this.labels = Object.fromEntries(
      Object.entries(labels).map(([name, value]) => [
        name,
        labelString('registry labels', name, value),
      ]),
    );
    checkMaxSeries('registry', maxSeries);
    this.maxSeries = maxSeries;
  }

  /**
   * Gets or creates a counter.
   *
   * @example
   * const requests = registry.counter({ name: 'requests_total', help: 'Requests.', labelNames: ['method'] });
   */
  counter<const N extends string = never>(config: CounterConfig<N>): Counter<N> {
    return this.#register(new Counter(config, this.maxSeries));
  }

  /**
   * Gets or creates a gauge.
   *
   * @example
   * const depth = registry.gauge({ name: 'queue_depth', help: 'Jobs waiting.', labelNames: ['queue'] });
   */
  gauge<const N extends string = never>(config: GaugeConfig<N>): Gauge<N> {
    return this.#register(new Gauge(config, this.maxSeries));
  }

  /**
   * Gets or creates a histogram.
   *
   * @example
   * const latency = registry.histogram({ name: 'job_duration_seconds', help: 'Job time.', buckets: [0.1, 1, 10] });
   */
  histogram<const N extends string = never>(config: HistogramConfig<N>): Histogram<N> {
    return this.#register(new Histogram(config, this.maxSeries));
  }

  #register<M extends AnyMetric>(metric: M): M {
    const existing = this.#metrics.get(metric.name);
    if (!existing) {
      const names = exposedNames(metric.type, metric.name);
      for (const name of names) {
        const other = this.#names.get(name);
        if (other === undefined) continue;
        const id = typeof other === 'string' ? `promkit's own counter "${other}"` : other.id;
        throw new Error(`${metric.id} clashes with ${id}: both would expose "${name}"`);
      }
      for (const name of names) this.#names.set(name, metric);
      this.#metrics.set(metric.name, metric);
      return metric;
    }
    const [was, now] = [definition(existing), definition(metric)];
    if (was === now) return existing as M;
    throw new Error(`metric "${metric.name}" is already registered as ${was}; the new definition ${now} conflicts with it`);
  }

  /**
   * The metric registered under `name` (counters: the `_total` name), if any.
   *
   * @example
   * registry.get('requests_total')?.type; // 'counter'
   */
  get(name: string): AnyMetric | undefined {
    return this.#metrics.get(name);
  }

  /**
   * Unregisters a metric; returns whether it was there.
   *
   * @example
   * registry.remove('requests_total');
   */
  remove(name: string): boolean {
    const metric = this.#metrics.get(name);
    if (metric) for (const used of exposedNames(metric.type, metric.name)) this.#names.delete(used);
    return this.#metrics.delete(name);
  }

  /**
   * Unregisters every metric.
   *
   * @example
   * afterEach(() => registry.clear());
   */
  clear(): void {
    for (const name of [...this.#metrics.keys()]) this.remove(name);
  }

  /**
   * Renders every metric, synchronously: Prometheus text 0.0.4 by default, or OpenMetrics 1.0 ending in `# EOF`.
   *
   * @example
   * const text = registry.metrics();
   * const om = registry.metrics('openmetrics');
   */
  metrics(format: ExpositionFormat = 'text'): string {
    this.#collect();
    return render(this.#metrics.values(), format === 'openmetrics', this.labels);
  }

  /**
   * The registry's state as data, synchronously (collects run first): one family per metric,
   * then the self-metrics. Exporters use it instead of parsing `metrics()`.
   *
   * @example
   * const requests = registry.snapshot().find((family) => family.name === 'requests_total');
   * const total = requests?.series.reduce((sum, series) => sum + (series.value ?? 0), 0);
   */
  snapshot(): MetricFamilySnapshot[] {
    this.#collect();
    return snapshotFamilies(this.#metrics.values(), this.labels, this.#created);
  }

  #collect(): void {
    for (const metric of this.#metrics.values()) metric.collect?.(metric as never);
  }

  /**
   * Renders a scrape for an HTTP `Accept` header: OpenMetrics when the scraper prefers it, else text 0.0.4.
   *
   * @example
   * const { contentType, body } = registry.scrape(request.headers.get('accept') ?? undefined);
   * return new Response(body, { headers: { 'content-type': contentType } });
   */
  scrape(accept?: string): Scrape {
    const om = prefersOpenMetrics(accept);
    return { contentType: om ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE, body: this.metrics(om ? 'openmetrics' : 'text') };
  }
}
