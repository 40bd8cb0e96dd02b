import { fail } from './validate';

// The cache in front of a metric's store (issue 18): a trie keyed by raw label values, walked
// inside the for…in over the label object, so each value is read once, by the enum-cache load
// V8 gives for…in (a `labels[name]` with varying names is a megamorphic load several times
// slower). Its levels follow the key order of the first label object seen, so objects written
// in any one order (not only labelNames order) stay on the fast path; an object in another
// order is still found, through the store. A level is a flat array of value/child pairs
// compared with `===` (cheaper to scan than a Map to hash for the handful of values a label
// usually has, and ~70 B smaller per leaf), the pairs moved into a Map past PAIRS values.
// A found series costs no write: a level knows its parent and the value that leads to it, so
// a miss recovers the values already read from the levels instead of every call recording
// them (two stores per label: dropping them took `inc, 576 series` from ~72 % to ~90 % of the
// code-generation reference, interleaved A/B in separate processes, Node 20).
const PAIRS = 8;

// Not Object.hasOwn: V8 turns this call, on the for…in object and key, into a check of the
// enum cache it already holds (~50 ns a call less in a 3-label for…in, /tmp A/B on Node 20);
// still, it is made on the last label only.
const hasOwn = Object.prototype.hasOwnProperty;

/** `[parent, value in parent, Map of the pairs past PAIRS, value, child, value, child, …]`; indices are literals (esbuild does not inline constants). */
type Level = unknown[];

function child(level: Level, value: unknown): unknown {
  const map = level[2] as Map<unknown, unknown> | undefined;
  if (map) return map.get(value);
  for (let i = 3; i < level.length; i += 2) if (level[i] === value) return level[i + 1];
  return undefined;
}

function put(level: Level, value: unknown, node: unknown): void {
  let map = level[2] as Map<unknown, unknown> | undefined;
  if (!map) {
    for (let i = 3; i < level.length; i += 2) if (level[i] === value) return void (level[i + 1] = node);
    if (level.length < 3 + 2 * PAIRS) return void level.push(value, node);
    map = new Map();
    for (let i = 3; i < level.length; i += 2) map.set(level[i], level[i + 1]);
    level.length = 3;
    level[2] = map;
  }
  map.set(value, node);
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
  // A missed call's keys and values in the order for…in gave them, and its values in labelNames order.
  readonly #values: unknown[] = [];
  readonly #keys: string[] = [];
  readonly #read: unknown[] = [];
  // The key order the trie follows: that of the first label object cached; and the labelNames
  // index of each of its keys. Both set when the first series is cached.
  #order: readonly string[] = [];
  #index: number[] = [];
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
  }

  /** The series of `labels`, which must hold exactly the label names as own enumerable properties. */
  find(labels: object | number | undefined): S {
    const n = this.#names.length;
    if (n && (typeof labels !== 'object' || !labels)) throw fail(TypeError, this.#subject, `labels {${this.#names.join(', ')}} are required`);
    const order = this.#order;
    let node = this.#root;
    let count = 0;
    for (const key in labels as object) {
      // Read once, so a getter cannot send one label set's update to another series.
      const value = (labels as Record<string, unknown>)[key];
      if (node !== undefined) {
        // Own keys come first, so the last label being own proves them all own.
        const next = order[count] === key && (count !== n - 1 || hasOwn.call(labels, key)) ? child(node as Level, value) : undefined;
        if (next !== undefined) {
          node = next;
          count++;
          continue;
        }
        // Past a complete label set (order[n] is undefined): an inherited key is ignored
        // (for…in gives own keys first), an own one cannot be a label name, all n matched.
        if (count === n) {
          if (hasOwn.call(labels, key)) throw this.#unknown(key);
          continue;
        }
        this.#rewind(node as Level, count);
        node = undefined;
      }
      this.#keys[count] = key;
      this.#read[count++] = value;
    }
    if (node !== undefined) {
      if (count === n) return node as S;
      this.#rewind(node as Level, count);
    }
    return this.#miss(labels as object, count);
  }

  // Records the keys and values of the first `depth` labels, found in the trie down to `level`.
  #rewind(level: Level, depth: number): void {
    for (let d = depth - 1; d >= 0; d--, level = level[0] as Level) {
      this.#keys[d] = this.#order[d] as string;
      this.#read[d] = level[1];
    }
  }

  #unknown(key: string): TypeError {
    return fail(TypeError, this.#subject, `label "${key}" is not in labelNames [${this.#names.join(', ')}]`);
  }

  // Off the fast path: own keys only, unknown and missing labels rejected, the store consulted.
  #miss(labels: object, count: number): S {
    const names = this.#names;
    const values = this.#values;
    let own = 0;
    for (let k = 0; k < count; k++) {
      const key = this.#keys[k] as string;
      if (!hasOwn.call(labels, key)) continue;
      const i = names.indexOf(key);
      if (i < 0) throw this.#unknown(key);
      values[i] = this.#read[k];
      own++;
    }
    if (own !== names.length) {
      const missing = names.find((name) => !hasOwn.call(labels, name));
      throw fail(TypeError, this.#subject, `label "${missing}" is missing`);
    }
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
    if (this.#size === 0) {
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
    this.#root = this.#insert(this.#root as Level | undefined, 0, undefined, undefined, series);
    this.#size++;
  }

  // The level at `depth` (created below `up`, reached by `at`, if new) with `series` added under it.
  #insert(level: Level | undefined, depth: number, up: Level | undefined, at: unknown, series: S): unknown {
    if (depth === this.#names.length) return series;
    level ??= [up, at, undefined];
    const value = this.#values[this.#index[depth] as number];
    put(level, value, this.#insert(child(level, value) as Level | undefined, depth + 1, level, value, series));
    return level;
  }
}
