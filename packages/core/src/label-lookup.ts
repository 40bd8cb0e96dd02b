import { fail } from './validate';

// The cache in front of a metric's store (issue 18): a trie keyed by raw label values, walked
// inside the for…in over the label object, so each value is read once, by the enum-cache load
// V8 gives for…in (a `labels[name]` with varying names is a megamorphic load several times
// slower). Its levels follow the key order of the first label object seen, so objects written
// in any one order (not only labelNames order) stay on the fast path; an object in another
// order is still found, through the store. A level is a flat array of value/child pairs
// compared with `===` (cheaper to scan than a Map to hash for the handful of values a label
// usually has, and ~70 B smaller per leaf), turned into a Map past PAIRS values.
const PAIRS = 8;

type Level = unknown[] | Map<unknown, unknown>;

function child(level: Level, value: unknown): unknown {
  if (!Array.isArray(level)) return level.get(value);
  for (let i = 0; i < level.length; i += 2) if (level[i] === value) return level[i + 1];
  return undefined;
}

function put(level: Level, value: unknown, node: unknown): Level {
  if (!Array.isArray(level)) return level.set(value, node);
  for (let i = 0; i < level.length; i += 2) if (level[i] === value) return (level[i + 1] = node), level;
  if (level.length < 2 * PAIRS) return level.push(value, node), level;
  const map = new Map<unknown, unknown>();
  for (let i = 0; i < level.length; i += 2) map.set(level[i], level[i + 1]);
  return map.set(value, node);
}

/**
 * Maps a label object to its series: each own enumerable property read once, unknown and
 * missing labels rejected on every call, the store consulted only on a cache miss.
 */
export class LabelLookup<S extends { readonly live: boolean }> {
  readonly #subject: string;
  readonly #names: readonly string[];
  readonly #resolve: (values: readonly unknown[]) => S;
  readonly #limit: number;
  // This call's values in labelNames order, and its keys in the order for…in gave them.
  readonly #values: unknown[];
  readonly #keys: string[] = [];
  #order: string[] | undefined;
  #index: number[];
  #root: unknown;
  #size = 0;

  /**
   * @param subject how errors name the metric: `counter "jobs_total"`.
   * @param names the metric's label names.
   * @param resolve finds or creates the series of a complete label set (values in `names`
   *   order, not yet converted); it throws for a value that is not a string, number or boolean.
   * @param limit most series cached, so a high-cardinality metric costs no more than its store.
   */
  constructor(subject: string, names: readonly string[], resolve: (values: readonly unknown[]) => S, limit = 1000) {
    this.#subject = subject;
    this.#names = names;
    this.#resolve = resolve;
    this.#limit = limit;
    this.#values = names.map(() => undefined);
    this.#index = names.map((_, i) => i);
  }

  /** The series of `labels`, which must hold exactly the label names as own enumerable properties. */
  find(labels: object | number | undefined): S {
    const names = this.#names;
    const n = names.length;
    if (n && (typeof labels !== 'object' || !labels)) throw fail(TypeError, this.#subject, `labels {${names.join(', ')}} are required`);
    const order = this.#order ?? names;
    const values = this.#values;
    const keys = this.#keys;
    let node = this.#root;
    let count = 0;
    for (const key in labels as object) {
      // Own properties only: a polluted Object.prototype must change nothing.
      if (!Object.hasOwn(labels as object, key)) continue;
      const inOrder = order[count] === key;
      const i = inOrder ? (this.#index[count] as number) : names.indexOf(key);
      if (i < 0) throw fail(TypeError, this.#subject, `label "${key}" is not in labelNames [${names.join(', ')}]`);
      // Read once, so a getter cannot send one label set's update to another series.
      const value = (labels as Record<string, unknown>)[key];
      values[i] = value;
      keys[count++] = key;
      node = inOrder && node !== undefined ? child(node as Level, value) : undefined;
    }
    if (count !== n) {
      const missing = names.find((name) => !Object.hasOwn(labels as object, name));
      throw fail(TypeError, this.#subject, `label "${missing}" is missing`);
    }
    if (node !== undefined) return node as S;
    const series = this.#resolve(values);
    if (series.live && this.#size < this.#limit) this.#remember(series);
    return series;
  }

  /** Forgets every cached series (after a remove or reset). */
  clear(): void {
    this.#root = undefined;
    this.#size = 0;
  }

  #remember(series: S): void {
    const names = this.#names;
    const n = names.length;
    const keys = this.#keys;
    if (!this.#order) {
      this.#order = keys.slice(0, n);
      this.#index = this.#order.map((key) => names.indexOf(key));
    }
    const order = this.#order;
    const cacheable = order.every((key, d) => {
      const value = this.#values[this.#index[d] as number];
      // NaN never equals itself: a NaN-valued label set could never be found again.
      return key === keys[d] && value === value;
    });
    if (!cacheable) return;
    this.#root = this.#insert(this.#root, 0, series);
    this.#size++;
  }

  #insert(node: unknown, depth: number, series: S): unknown {
    if (depth === this.#names.length) return series;
    const value = this.#values[this.#index[depth] as number];
    const level = (node ?? []) as Level;
    return put(level, value, this.#insert(child(level, value), depth + 1, series));
  }
}
