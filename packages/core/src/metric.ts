import { escapeLabelValue } from './exposition';
import type { Series } from './series';
import type { Labels, LabelValue, MetricConfig, MetricType } from './types';
import { checkLabelNames, checkMaxSeries, checkMetricName, fail, labelValue } from './validate';

// The store: series by key, the label values joined with NUL in labelNames order. A stored key
// of n labels holds exactly n - 1 separators; a label set whose values contain NUL can never hit
// one, and is re-keyed with JSON (which escapes NUL). So label sets never share a key, and values
// are recovered from the key at exposition: a series stores no label array.
const SEP = '\u0000';

// The lookup trie in front of the store: raw label values in labelNames order, one Map level
// per label, the series at the leaf. Values are read with for…in, which V8 serves from the
// object's enum cache, where `labels[name]` with varying names is a megamorphic load several
// times slower (bench/core.mjs). It holds at most this many series, so a high-cardinality
// metric costs no more than its store entries.
const TRIE_SERIES = 1000;

type Trie = Map<unknown, unknown>;

/** The shape shared by counters, gauges and histograms. */
export abstract class Metric<N extends string, S extends Series> {
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

  constructor(
    type: MetricType,
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
  }

  /** How errors name this metric: `counter "jobs_total"`. */
  get id(): string {
    return `${this.type} "${this.name}"`;
  }

  /** @internal Creates an empty series for `key`. */
  protected abstract create(key: string): S;

  /** @internal Renders one series' samples; `labels` are the rendered label pairs, no braces. */
  abstract samples(series: S, labels: string): string;

  /** @internal The series for `labels`, created on first use. */
  at(labels?: Labels<N>): S {
    const names: readonly string[] = this.labelNames;
    const n = names.length;
    if (!n) return this.series.get('') ?? this.seriesByKey('');
    const values = this.#values;
    let count = 0;
    if (labels) {
      for (const name in labels) {
        const i = names[count] === name ? count : names.indexOf(name);
        if (i < 0) throw fail(TypeError, this.id, `label "${name}" is not in labelNames [${names.join(', ')}]`);
        values[i] = labels[name as N];
        count++;
      }
    }
    if (count === n) {
      let node: unknown = this.#trie;
      for (let i = 0; i < n && node; i++) node = (node as Trie).get(values[i]);
      if (node) return node as S;
    }
    const key = this.keyOf(labels);
    const series = this.series.get(key) ?? this.seriesByKey(key, labels);
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

  /** @internal Label values joined in `labelNames` order: the store key of a label set without NUL. */
  keyOf(labels?: Labels<N>): string {
    const names = this.labelNames;
    if (!names.length) return '';
    if (typeof labels !== 'object' || !labels) throw fail(TypeError, this.id, `labels {${names.join(', ')}} are required`);
    let key = '';
    names.forEach((name, i) => {
      // Own properties only: a missing label named `constructor` must not read Object.prototype's.
      const value: LabelValue | undefined = Object.hasOwn(labels, name) ? labels[name] : undefined;
      key += (i ? SEP : '') + (typeof value === 'string' ? value : labelValue(this.id, name, value));
    });
    return key;
  }

  /** @internal The key a label set is stored under: its joined key, or JSON when a value holds NUL. */
  storedKey(key: string, labels: Labels<N>): string {
    const names = this.labelNames;
    return names.length > 1 && key.split(SEP).length !== names.length
      ? JSON.stringify(names.map((name) => String(labels[name])))
      : key;
  }

  /** @internal Finds or creates the series for a key (re-keyed from `labels` when given). */
  seriesByKey(key: string, labels?: Labels<N>): S {
    if (labels) key = this.storedKey(key, labels);
    let series = this.series.get(key);
    if (!series) {
      if (this.series.size >= this.maxSeries) {
        this.dropped++;
        return (this.#spare ??= this.create(key));
      }
      this.series.set(key, (series = this.create(key)));
    }
    return series;
  }

  /** @internal Rendered label pairs of a series (`a="x",b="y"`), without braces. */
  labelPairs(key: string): string {
    const names = this.labelNames;
    const values: string[] = names.length < 2 ? [key] : key.includes(SEP) ? key.split(SEP) : JSON.parse(key);
    return names.map((name, i) => `${name}="${escapeLabelValue(values[i] as string)}"`).join();
  }

  /**
   * Removes one series; a bound child of it keeps working and starts a fresh series on its next update.
   *
   * @example
   * queueDepth.remove({ queue: 'emails' });
   */
  remove(labels: Labels<N>): void {
    this.#drop([this.storedKey(this.keyOf(labels), labels)]);
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
