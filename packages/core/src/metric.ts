import { escapeLabelValue } from './exposition';
import type { Series } from './series';
import type { Labels, LabelValue, MetricConfig, MetricType } from './types';
import { checkLabelNames, checkMetricName, fail, labelValue } from './validate';

// Series keys join label values (in labelNames order) with NUL. A stored key of n labels
// therefore holds exactly n - 1 separators; a label set whose values contain NUL can never
// hit one, and is re-keyed with JSON (no raw NUL at all). So two label sets never share a
// key, the hot path never scans values, and values are recovered from the key at exposition.
const SEP = '\u0000';

/** The shape shared by counters, gauges and histograms; see {@link Counter}, {@link Gauge}, {@link Histogram}. */
export abstract class Metric<N extends string, S extends Series> {
  /** Type tag: `'counter'`, `'gauge'` or `'histogram'`. */
  readonly type: MetricType;
  /** Name of the samples' base (counters: ends in `_total`). */
  readonly name: string;
  /** Help text. */
  readonly help: string;
  /** Label names in rendering order. */
  readonly labelNames: readonly N[];
  /** Unit, rendered as OpenMetrics `# UNIT`. */
  readonly unit: string | undefined;
  /** Most series kept; later label sets are dropped and counted. */
  readonly maxSeries: number;
  /** @internal Series by key. */
  readonly series = new Map<string, S>();
  /** @internal Updates refused because the metric held `maxSeries` series. */
  dropped = 0;
  /** @internal Runs before each exposition. */
  readonly collect: ((metric: never) => void) | undefined;
  #spare: S | undefined;

  constructor(
    type: MetricType,
    config: MetricConfig<N> & { collect?: (metric: never) => void },
    maxSeries: number,
    reservedLabel?: string,
  ) {
    const { name, help, labelNames = [], unit, collect } = config;
    const id = `${type} ${JSON.stringify(name)}`;
    checkMetricName(name);
    if (typeof help !== 'string') throw fail(TypeError, id, 'help must be a string');
    checkLabelNames(id, labelNames, reservedLabel);
    const cap = config.maxSeries ?? maxSeries;
    if (!(cap >= 1 && Number.isInteger(cap))) throw fail(RangeError, id, `maxSeries must be a positive integer, got ${cap}`);
    if (unit !== undefined && !name.replace(/_total$/, '').endsWith(`_${unit}`)) {
      throw fail(TypeError, id, `unit "${unit}" requires the name to end in "_${unit}"`);
    }
    this.type = type;
    this.name = type === 'counter' && !name.endsWith('_total') ? `${name}_total` : name;
    this.help = help;
    this.labelNames = [...labelNames];
    this.unit = unit;
    this.maxSeries = cap;
    this.collect = collect;
  }

  /** `counter "jobs_total"`: how errors name this metric. */
  get id(): string {
    return `${this.type} "${this.name}"`;
  }

  /** @internal Creates an empty series for `key`. */
  protected abstract create(key: string): S;

  /** @internal Renders one series' samples; `labels` is the rendered label pairs, no braces. */
  abstract samples(series: S, labels: string): string;

  /** @internal The series for `labels`, created on first use. */
  at(labels?: Labels<N>): S {
    const key = this.keyOf(labels);
    return this.series.get(key) ?? this.seriesByKey(key, labels);
  }

  /** @internal Label values joined in `labelNames` order: the lookup key of a clean label set. */
  keyOf(labels?: Labels<N>): string {
    const names = this.labelNames;
    const n = names.length;
    if (n === 0) return '';
    if (labels == null || typeof labels !== 'object') {
      throw fail(TypeError, this.id, `labels {${names.join(', ')}} are required`);
    }
    let value: LabelValue | undefined = labels[names[0] as N];
    let key = typeof value === 'string' ? value : labelValue(this.id, names[0] as N, value);
    for (let i = 1; i < n; i++) {
      value = labels[names[i] as N];
      key += SEP + (typeof value === 'string' ? value : labelValue(this.id, names[i] as N, value));
    }
    return key;
  }

  /** @internal The key a label set is stored under: its joined key, or JSON when a value holds the separator. */
  storedKey(key: string, labels: Labels<N>): string {
    const names = this.labelNames;
    return names.length > 1 && key.split(SEP).length !== names.length
      ? JSON.stringify(names.map((label) => String(labels[label])))
      : key;
  }

  /** @internal Finds or creates the series for a key; `labels` are checked when given. */
  seriesByKey(key: string, labels?: Labels<N>): S {
    if (labels) {
      const names: readonly string[] = this.labelNames;
      for (const label in labels) {
        if (!names.includes(label)) {
          throw fail(TypeError, this.id, `label "${label}" is not in labelNames [${names.join(', ')}]`);
        }
      }
      key = this.storedKey(key, labels);
    }
    let found = this.series.get(key);
    if (found) return found;
    if (this.series.size >= this.maxSeries) {
      this.dropped++;
      return (this.#spare ??= this.create(key));
    }
    found = this.create(key);
    this.series.set(key, found);
    return found;
  }

  /** @internal Rendered label pairs of a series (`a="x",b="y"`), without braces. */
  labelPairs(key: string): string {
    const names = this.labelNames;
    const values: string[] =
      names.length < 2 ? [key] : key.includes(SEP) ? key.split(SEP) : JSON.parse(key);
    let out = '';
    for (let i = 0; i < names.length; i++) out += `${i ? ',' : ''}${names[i]}="${escapeLabelValue(values[i] as string)}"`;
    return out;
  }

  /**
   * Removes one series; its bound child keeps working and starts a fresh series on its next update.
   *
   * @example
   * queueDepth.remove({ queue: 'emails' });
   */
  remove(labels: Labels<N>): void {
    const key = this.storedKey(this.keyOf(labels), labels);
    const series = this.series.get(key);
    if (series) series.live = false;
    this.series.delete(key);
  }

  /**
   * Removes every series (an unlabeled metric starts again from zero).
   *
   * @example
   * requests.reset();
   */
  reset(): void {
    for (const series of this.series.values()) series.live = false;
    this.series.clear();
  }
}
