import { braces, escapeLabelValue, formatValue } from './exposition';
import type { Series } from './series';
import type { SeriesValues } from './snapshot';
import type { Labels, LabelValue, MetricConfig, MetricType } from './types';
import { checkLabelNames, checkMaxSeries, checkMetricName, fail, labelValue } from './validate';

// The store: series by key, the key being the series' rendered label pairs (`a="x",b="y"`).
// Escaping makes it injective, so two label sets never share a series whatever their values
// hold, and exposition writes the key as it is.

// The lookup trie in front of the store: raw label values in labelNames order, one Map level
// per label, the series at the leaf. Values are read with for…in, which V8 serves from the
// object's enum cache, where `labels[name]` with varying names is a megamorphic load several
// times slower (bench/core.mjs). It holds at most this many series, so a high-cardinality
// metric costs no more than its store entries.
const TRIE_SERIES = 1000;

type Trie = Map<unknown, unknown>;

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
  /** @internal Runs before each exposition. */
  readonly collect: ((metric: never) => void) | undefined;
  /** @internal Series by key. */
  readonly series = new Map<string, S>();
  /** @internal Updates refused because the metric held `maxSeries` series. */
  dropped = 0;
  #trie: Trie = new Map();
  #trieSize = 0;
  readonly #values: unknown[] = [];
  #spare: S | undefined;

  readonly #Series: new (metric: never, key: string, values: readonly string[]) => S;

  constructor(
    type: MetricType,
    Series: new (metric: never, key: string, values: readonly string[]) => S,
    config: MetricConfig<N> & { collect?: (metric: never) => void },
    maxSeries: number,
    reserved?: string,
  ) {
    const { name, help, labelNames = [], unit, collect } = config;
    const subject = `${type} ${JSON.stringify(name)}`;
    checkMetricName(name);
    if (typeof help !== 'string') throw fail(TypeError, subject, 'help must be a string');
    checkLabelNames(subject, labelNames, reserved);
    checkMaxSeries(subject, (maxSeries = config.maxSeries ?? maxSeries));
    if (unit !== undefined && !name.replace(/_total$/, '').endsWith(`_${unit}`)) {
      throw fail(TypeError, subject, `unit "${unit}" requires the name to end in "_${unit}"`);
    }
    this.type = type;
    this.name = type === 'counter' && !name.endsWith('_total') ? `${name}_total` : name;
    this.help = help;
    this.labelNames = [...labelNames];
    this.unit = unit;
    this.maxSeries = maxSeries;
    this.collect = collect;
    this.#Series = Series;
  }

  /** How errors name this metric: `counter "jobs_total"`. */
  get id(): string {
    return `${this.type} "${this.name}"`;
  }

  #create(key: string, values: readonly string[]): S {
    return new this.#Series(this as never, key, values);
  }

  /** @internal Renders one series' samples; `labels` are the rendered label pairs, no braces. */
  samples(series: S, labels: string): string {
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

  /** @internal The series for `labels`, created on first use. */
  at(labels?: Labels<N> | number): S {
    const names: readonly string[] = this.labelNames;
    const n = names.length;
    if (!n) return this.series.get('') ?? this.seriesByKey('', []);
    const values = this.#values;
    let count = 0;
    if (typeof labels === 'object') {
      for (const name in labels) {
        const i = names[count] === name ? count : names.indexOf(name);
        if (i < 0) throw fail(TypeError, this.id, `label "${name}" is not in labelNames [${names.join(', ')}]`);
        values[i] = labels[name];
        count++;
      }
    }
    if (count === n) {
      let node: unknown = this.#trie;
      for (let i = 0; i < n && node; i++) node = (node as Trie).get(values[i]);
      if (node) return node as S;
    }
    const strings = this.#strings(labels);
    const series = this.seriesByKey(this.#key(strings), strings);
    if (count === n && series !== this.#spare && this.#trieSize < TRIE_SERIES) {
      let node = this.#trie;
      for (let i = 0; i < n - 1; i++) {
        let next = node.get(values[i]) as Trie | undefined;
        if (!next) node.set(values[i], (next = new Map()));
        node = next;
      }
      node.set(values[n - 1], series);
      this.#trieSize++;
    }
    return series;
  }

  // The label values of a label set as strings, in labelNames order.
  #strings(labels?: Labels<N> | number): string[] {
    const names = this.labelNames;
    if (names.length && (typeof labels !== 'object' || !labels)) {
      throw fail(TypeError, this.id, `labels {${names.join(', ')}} are required`);
    }
    return names.map((name) => {
      // Own properties only: a missing label named `constructor` must not read Object.prototype's.
      const value: LabelValue | undefined = Object.hasOwn(labels as object, name) ? (labels as Labels<N>)[name] : undefined;
      return typeof value === 'string' ? value : labelValue(this.id, name, value);
    });
  }

  // The store key of a label set: its rendered label pairs.
  #key(strings: readonly string[]): string {
    return strings.map((value, i) => `${this.labelNames[i]}="${escapeLabelValue(value)}"`).join();
  }

  /** @internal Finds or creates the series for a key. */
  seriesByKey(key: string, values: readonly string[]): S {
    let series = this.series.get(key);
    if (!series) {
      if (this.series.size >= this.maxSeries) {
        this.dropped++;
        return (this.#spare ??= this.#create(key, values));
      }
      this.series.set(key, (series = this.#create(key, values)));
    }
    return series;
  }

  /**
   * Removes one series; a bound child of it keeps working and starts a fresh series on its next update.
   *
   * @example
   * queueDepth.remove({ queue: 'emails' });
   */
  remove(labels: Labels<N>): void {
    this.#drop([this.#key(this.#strings(labels))]);
  }

  /**
   * Removes every series (an unlabeled metric starts again from zero).
   *
   * @example
   * requests.reset();
   */
  reset(): void {
    this.#drop([...this.series.keys()]);
  }

  #drop(keys: string[]): void {
    for (const key of keys) {
      const series = this.series.get(key);
      if (series) series.live = false;
      this.series.delete(key);
    }
    this.#trie = new Map();
    this.#trieSize = 0;
  }
}
