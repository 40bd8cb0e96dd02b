import { braces, escapeLabelValue, formatValue } from './exposition';
import { LabelLookup } from './label-lookup';
import type { Series } from './series';
import type { SeriesValues } from './snapshot';
import type { Labels, LabelValue, MetricConfig, MetricType } from './types';
import { checkLabelNames, checkMaxSeries, checkMetricName, fail, labelString, wellFormed } from './validate';

// The store: series by key, the key being the series' escaped label values (see #key).
// Escaping makes it injective, so two label sets never share a series whatever their values hold.

// The lookup in front of the store: label-lookup.ts.

/** What only core reads and writes of a metric: its series by key, dropped updates and collect. */
export interface MetricState<S> {
  readonly series: Map<string, S>;
  /** Updates refused because the metric held `maxSeries` series. */
  dropped: number;
  /** Runs before each exposition; the newest registration's wins. */
  collect: ((metric: never) => void | Promise<void>) | undefined;
}

/** The state of a metric; not exported from the package, so no user code can change it. */
export let stateOf: <S extends Series>(metric: Metric<string, S, unknown>) => MetricState<S>;

/** The shape shared by counters, gauges and histograms. */
export abstract class Metric<N extends string, S extends Series, C = S> {
  /** Type tag, compared instead of `instanceof` so that copies of this package agree. */
  readonly type: MetricType;
  /** Name of the samples' base (counters: ends in `_total`). */
  readonly name: string;
  /** Help text. */
  readonly help: string;
  /** Label names in rendering order. */
  readonly labelNames: readonly N[];
  /** Unit, rendered as OpenMetrics `# UNIT`. */
  readonly unit: string | undefined;
  /** Most series kept; updates for further label sets are dropped and counted. */
  readonly maxSeries: number;
  /** @internal Creation time, ms since the Unix epoch; series keep theirs relative to it. */
  readonly born = Date.now();
  readonly #state: MetricState<S>;

  static {
    stateOf = (metric) => metric.#state;
  }
  readonly #lookup: LabelLookup<S>;

  readonly #Series: new (metric: never, key: string) => S;

  constructor(
    type: MetricType,
    Series: new (metric: never, key: string) => S,
    config: MetricConfig<N> & { collect?: (metric: never) => void | Promise<void> },
    maxSeries: number,
    reserved?: readonly string[],
  ) {
    const { name, help, labelNames = [], unit, collect } = config;
    const subject = `${type} ${JSON.stringify(name)}`;
    checkMetricName(name);
    if (type === 'counter' && name === '_total') throw fail(TypeError, subject, 'a counter needs a name before "_total"');
    if (typeof help !== 'string') throw fail(TypeError, subject, 'help must be a string');
    checkLabelNames(subject, labelNames, reserved);
    checkMaxSeries(subject, (maxSeries = config.maxSeries ?? maxSeries));
    if (unit !== undefined && !name.replace(/_total$/, '').endsWith(`_${unit}`)) {
      throw fail(TypeError, subject, `unit "${unit}" requires the name to end in "_${unit}"`);
    }
    this.type = type;
    this.name = type === 'counter' && !name.endsWith('_total') ? `${name}_total` : name;
    this.help = wellFormed(help);
    this.labelNames = [...labelNames];
    this.unit = unit;
    this.maxSeries = maxSeries;
    this.#state = { series: new Map(), dropped: 0, collect };
    this.#Series = Series;
    this.#lookup = new LabelLookup(this.id, this.labelNames, (values) => {
      const strings = values.map((value, i) => labelString(this.id, labelNames[i] as string, value as LabelValue));
      return this.#find(this.#key(strings));
    });
  }

  /** How errors name this metric: `counter "jobs_total"`. */
  get id(): string {
    return `${this.type} "${this.name}"`;
  }

  #create(key: string): S {
    return new this.#Series(this as never, key);
  }

  /**
   * @internal Renders one series' samples; `labels` are the rendered label pairs, no braces;
   * `created` adds OpenMetrics `_created` (where the type has it), `om` exemplars.
   */
  samples(series: S, labels: string, _created: boolean, _om: boolean): string {
    return `${this.name}${braces(labels)} ${formatValue((series as unknown as { value: number }).value)}\n`;
  }

  /** @internal The values of one series, as its snapshot holds them. */
  values(series: S): SeriesValues {
    return { value: (series as unknown as { value: number }).value };
  }

  /**
   * The child bound to `labels`: the fastest way to update one series. The same labels always
   * give the same child.
   *
   * @example
   * const ok = requests.labels({ method: 'GET', status_code: 200 });
   * ok.inc();
   */
  labels(labels: Labels<N>): C {
    return this.at(labels) as unknown as C;
  }

  /** @internal The series for `labels`: stored, or detached (not live) when the metric is full. */
  at(labels?: Labels<N> | number): S {
    return this.#lookup.find(labels);
  }

  // The store key of a label set: its escaped values joined by newlines, which escaping leaves
  // in no value, so it is injective. Without the names it is ~24 B a series smaller than the
  // rendered pairs (three labels, issue 18); exposition renders the pairs from it (pairs).
  #key(strings: readonly string[]): string {
    return strings.map(escapeLabelValue).join('\n');
  }

  /** @internal The rendered label pairs of a store key (`a="x",b="y"`), no braces. */
  pairs(key: string): string {
    // One pass with indexOf: split/map/join allocated two arrays per series per scrape, which
    // made the garbage collector the largest cost of rendering 100k series.
    const names = this.labelNames;
    let out = '';
    for (let i = 0, start = 0; i < names.length; i++) {
      const end = i === names.length - 1 ? key.length : key.indexOf('\n', start);
      out += `${i ? ',' : ''}${names[i]}="${key.slice(start, end)}"`;
      start = end + 1;
    }
    return out;
  }

  // The stored series for a key, or a detached one when the metric is full: its updates are
  // counted as dropped until there is room (see place).
  #find(key: string): S {
    const { series: store } = this.#state;
    const stored = store.get(key);
    if (stored) return stored;
    const series = this.#create(key);
    if (store.size < this.maxSeries) store.set(key, series);
    else series.live = false;
    return series;
  }

  /** @internal The stored series for a key, created if there is room; else undefined, and one dropped update counted. */
  place(key: string): S | undefined {
    const series = this.#find(key);
    if (series.live) return series;
    this.#state.dropped++;
    return undefined;
  }

  /**
   * Removes one series; a bound child of it keeps working and starts a fresh series on its next update.
   *
   * @example
   * queueDepth.remove({ queue: 'emails' });
   */
  remove(labels: Labels<N>): void {
    this.#drop([this.at(labels).key]);
  }

  /**
   * Removes every series (an unlabeled metric starts again from zero).
   *
   * @example
   * requests.reset();
   */
  reset(): void {
    this.#drop([...this.#state.series.keys()]);
  }

  #drop(keys: string[]): void {
    for (const key of keys) {
      const series = this.#state.series.get(key);
      if (series) series.live = false;
      this.#state.series.delete(key);
    }
    this.#lookup.clear();
    this.start();
  }

  /** @internal Creates the one series of an unlabeled metric, so that it is exposed at zero and rendering never creates it. */
  protected start(): void {
    if (!this.labelNames.length) this.at();
  }
}
