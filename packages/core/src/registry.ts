import { Counter, type CounterConfig } from './counter';
import { OPENMETRICS_CONTENT_TYPE, renderChunks, TEXT_CONTENT_TYPE } from './exposition';
import { joined, sliced } from './sliced';
import { negotiate, OPENMETRICS } from './negotiate';
import { Gauge, type GaugeConfig } from './gauge';
import { Histogram, type HistogramConfig } from './histogram';
import { Summary, type SummaryConfig } from './summary';
import { type Metric, stateOf } from './metric';
import { definition, Names } from './names';
import type { Series } from './series';
import { type MetricFamilySnapshot, selfMetrics, snapshotFamilies } from './snapshot';
import { type CollectErrors, collectAsync, collectSync } from './collect';
import { errorSink, type InternalErrorHandler } from './error-sink';
import type { AnyMetric, ExpositionEncoder, ExpositionFormat, RegistryOptions, Scrape, TextScrape } from './registry-types';
import { checkLabelNames, checkMaxSeries, labelString } from './validate';

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
  readonly #names = new Names();
  readonly #created = Date.now();
  readonly #collectErrors: CollectErrors = new Map();
  readonly #report: InternalErrorHandler;
  readonly #withCreated: boolean;
  // What scrape() can serve besides text 0.0.4, in order of preference.
  readonly #formats: (ExpositionEncoder | typeof OPENMETRICS)[] = [OPENMETRICS];

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
    this.#report = errorSink(options.onInternalError, 'a collect callback');
    this.#withCreated = options.created === true;
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

  /**
   * Gets or creates a summary.
   *
   * @example
   * const latency = registry.summary({ name: 'job_duration_seconds', help: 'Job time.', quantiles: [0.5, 0.99] });
   */
  summary<const N extends string = never>(config: SummaryConfig<N>): Summary<N> {
    return this.#register(new Summary(config, this.maxSeries));
  }

  #register<M extends AnyMetric>(metric: M): M {
    const existing = this.#metrics.get(metric.name);
    if (!existing) {
      this.#names.claim(metric);
      this.#metrics.set(metric.name, metric);
      return metric;
    }
    const [was, now] = [definition(existing), definition(metric)];
    // The newest collect wins, so a hot-reloaded module's callback replaces the old one.
    if (was === now) {
      const [state, newest] = [stateOf(existing as Metric<string, Series, unknown>), stateOf(metric as Metric<string, Series, unknown>)];
      state.collect = newest.collect ?? state.collect;
      return existing as M;
    }
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
    if (metric) this.#names.release(metric);
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
   * Renders every metric, synchronously: Prometheus text 0.0.4 by default, or OpenMetrics 1.0
   * ending in `# EOF`. An async collect is reported as an error (use `await scrape()`).
   *
   * @example
   * const text = registry.metrics();
   * const om = registry.metrics('openmetrics');
   */
  metrics(format: ExpositionFormat = 'text'): string {
    collectSync(this.#metrics.values(), this.#report, this.#collectErrors);
    return this.#render(format === 'openmetrics');
  }

  #chunks(om: boolean): Generator<string, void, undefined> {
    const self = selfMetrics(this.#metrics.values(), this.#collectErrors);
    return renderChunks(this.#metrics.values(), om, this.labels, self, om && this.#withCreated && this.#created);
  }

  #render(om: boolean): string {
    return joined(this.#chunks(om));
  }

  /**
   * The registry's state as data after running every synchronous collect: one family per
   * metric, then the self-metrics. Exporters use it instead of parsing `metrics()`.
   *
   * @example
   * const requests = registry.snapshot().find((family) => family.name === 'requests_total');
   * const total = requests?.series.reduce((sum, series) => sum + (series.value ?? 0), 0);
   */
  snapshot(): MetricFamilySnapshot[] {
    collectSync(this.#metrics.values(), this.#report, this.#collectErrors);
    return this.#snapshot();
  }

  #snapshot(): MetricFamilySnapshot[] {
    const self = selfMetrics(this.#metrics.values(), this.#collectErrors);
    return snapshotFamilies(this.#metrics.values(), this.labels, self, this.#created);
  }

  /**
   * The same data as `snapshot()`, after awaiting every collect, async ones included.
   *
   * @example
   * const families = await registry.gather();
   */
  async gather(): Promise<MetricFamilySnapshot[]> {
    await collectAsync(this.#metrics.values(), this.#report, this.#collectErrors);
    return this.#snapshot();
  }

  /**
   * Serves `encoder`'s format from `scrape()` to scrapers that prefer it (it wins ties with
   * OpenMetrics when named explicitly). Adding a format with the same content type again does nothing.
   *
   * @example
   * import { protobuf } from '@promkit/protobuf';
   * registry.addFormat(protobuf);
   */
  addFormat(encoder: ExpositionEncoder): void {
    if (!this.#formats.some((format) => 'contentType' in format && format.contentType === encoder.contentType)) this.#formats.push(encoder);
  }

  /**
   * Awaits every collect, then renders a scrape for an HTTP `Accept` header: OpenMetrics when
   * the scraper prefers it, a format added with `addFormat` when preferred, else text 0.0.4.
   * Without a header it is always text 0.0.4, a string. A failing collect never fails the scrape.
   *
   * @example
   * const { contentType, body } = await registry.scrape(request.headers.get('accept') ?? undefined);
   * return new Response(body, { headers: { 'content-type': contentType } });
   */
  scrape(): Promise<TextScrape>;
  scrape(accept: string | undefined): Promise<Scrape>;
  async scrape(accept = ''): Promise<Scrape> {
    await collectAsync(this.#metrics.values(), this.#report, this.#collectErrors);
    const format = negotiate(accept, this.#formats);
    if (format && 'encode' in format) return { contentType: format.contentType, body: format.encode(this.#snapshot()) };
    const om = format !== undefined;
    return { contentType: om ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE, body: await sliced(this.#chunks(om)) };
  }
}
