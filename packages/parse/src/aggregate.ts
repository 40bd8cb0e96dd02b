import { formatBound } from '@promkit/core';
import { identity, type Merged, render, type Type } from './aggregate-render';
import { parse } from './parse';
import type { FamilyType, MetricFamily, Sample } from './types';

/**
 * How the gauges of several processes combine: one value (`sum`, `min`, `max`) or each kept under a label (`keep`).
 *
 * @example
 * const rule: GaugeRule = 'sum';
 */
export type GaugeRule = 'sum' | 'min' | 'max' | 'keep';

/**
 * One process's exposition and the labels that tell it apart under the `keep` rule.
 *
 * @example
 * const source: ExpositionSource = { text: '# TYPE up gauge\nup 1\n', labels: { worker: '1' } };
 */
export interface ExpositionSource {
  readonly text: string;
  /** e.g. `{ worker: '3' }`. */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Options of {@link aggregate}.
 *
 * @example
 * const options: AggregateOptions = { gauges: { queue_depth: 'sum' }, format: 'openmetrics' };
 */
export interface AggregateOptions {
  /** Rules for gauges by family name. Default: {@link AggregateOptions.gaugeRule}. */
  readonly gauges?: Readonly<Record<string, GaugeRule>>;
  /** The rule of gauges not in `gauges`. Default: `'keep'` (nothing is lost). */
  readonly gaugeRule?: GaugeRule;
  /** The format of the combined exposition. Default: `'text'` (0.0.4). */
  readonly format?: 'text' | 'openmetrics';
}

/**
 * A source {@link aggregate} left out, and why.
 *
 * @example
 * for (const { index, error } of aggregate(sources).rejected) console.warn(`source ${index}: ${error.message}`);
 */
export interface RejectedSource {
  /** Its position in `sources`. */
  readonly index: number;
  readonly error: Error;
}

/**
 * What {@link aggregate} returns: the combined exposition and the sources left out of it.
 *
 * @example
 * const { exposition, rejected } = aggregate(sources);
 */
export interface Aggregation {
  readonly exposition: string;
  readonly rejected: readonly RejectedSource[];
}

const TYPES: Partial<Record<FamilyType, Type>> = { counter: 'counter', gauge: 'gauge', histogram: 'histogram', summary: 'summary', untyped: 'untyped', unknown: 'untyped' };

// A counter is named with `_total` in both formats, so 0.0.4 and OpenMetrics sources meet.
const familyName = (family: MetricFamily): string =>
  family.type === 'counter' && !family.name.endsWith('_total') && family.samples.some((s) => s.name === `${family.name}_total`) ? `${family.name}_total` : family.name;

// As Prometheus does with a target label the scraped series already has: the series' own value
// moves to `exported_<name>` (repeatedly, should that exist too), so nothing is overwritten.
function addLabels(own: Readonly<Record<string, string>>, added: Readonly<Record<string, string>>): Record<string, string> {
  const labels = { ...own };
  for (const [name, value] of Object.entries(added)) {
    let moved = name;
    let carried = labels[name];
    while (carried !== undefined) {
      moved = `exported_${moved}`;
      const next: string | undefined = labels[moved];
      labels[moved] = carried;
      carried = next;
    }
    labels[name] = value;
  }
  return labels;
}

function parseSource(source: ExpositionSource): MetricFamily[] {
  if (typeof source?.text !== 'string') throw new TypeError(`aggregate: a source's text must be a string, got ${typeof source?.text}`);
  return parse(source.text).filter((family) => TYPES[family.type] !== undefined);
}

// The type each family has in most sources (the first seen on a tie): in a rolling deploy the
// processes that disagree with it are left out whole, so their other families cannot mislead.
function agreedTypes(parsed: readonly (MetricFamily[] | Error)[]): Map<string, Type> {
  const votes = new Map<string, Map<Type, number>>();
  for (const families of parsed) {
    if (families instanceof Error) continue;
    for (const family of families) {
      const name = familyName(family);
      const byType = votes.get(name) ?? new Map<Type, number>();
      votes.set(name, byType);
      const type = TYPES[family.type] as Type;
      byType.set(type, (byType.get(type) ?? 0) + 1);
    }
  }
  return new Map([...votes].map(([name, byType]) => [name, [...byType].reduce((a, b) => (b[1] > a[1] ? b : a))[0]]));
}

function conflict(families: readonly MetricFamily[], types: Map<string, Type>): Error | undefined {
  const family = families.find((f) => TYPES[f.type] !== types.get(familyName(f)));
  if (family) return new Error(`aggregate: metric "${familyName(family)}" is a ${TYPES[family.type]} here and a ${types.get(familyName(family))} in most processes`);
  return undefined;
}

function combine(into: Merged, sample: Sample, source: ExpositionSource, options: AggregateOptions): void {
  const gauge = into.type === 'gauge' || into.type === 'untyped';
  // Creation times do not add up. Quantiles of different processes cannot be combined into a
  // quantile; `_sum` and `_count` can.
  if ((!gauge && sample.name.endsWith('_created')) || (into.type === 'summary' && 'quantile' in sample.labels)) return;
  const rule = gauge ? (options.gauges?.[into.name] ?? options.gaugeRule ?? 'keep') : 'sum';
  const labels = rule === 'keep' ? addLabels(sample.labels, source.labels) : { ...sample.labels };
  // One spelling of each bound (`1` and `1.0` are one bucket): Go's, as core writes it.
  if (labels.le !== undefined && labels.le !== '+Inf' && Number.isFinite(Number(labels.le))) labels.le = formatBound(Number(labels.le));
  const key = identity(sample.name, labels);
  const was = into.series.get(key);
  const v = sample.value;
  if (!was) into.series.set(key, { name: sample.name, labels, value: v });
  else was.value = rule === 'min' ? Math.min(was.value, v) : rule === 'max' ? Math.max(was.value, v) : was.value + v;
}

/**
 * Combines the expositions of several processes into one: counters, histograms and summary
 * `_sum`/`_count` are added up (summary quantiles are dropped: they cannot be added); gauges
 * follow their rule. A source that is not a string, does not parse, or gives a family another
 * type than most sources do is left out whole and listed in `rejected`; the rest is combined.
 * Families of OpenMetrics-only types (info, stateset, gaugehistogram) are not combined.
 *
 * @example
 * const { exposition } = aggregate([{ text: a, labels: { worker: '1' } }, { text: b, labels: { worker: '2' } }], { gauges: { queue_depth: 'sum' } });
 */
export function aggregate(sources: readonly ExpositionSource[], options: AggregateOptions = {}): Aggregation {
  const parsed = sources.map((source) => {
    try {
      return parseSource(source);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  });
  const types = agreedTypes(parsed);
  const rejected: RejectedSource[] = [];
  const merged = new Map<string, Merged>();
  parsed.forEach((families, index) => {
    const error = families instanceof Error ? families : conflict(families, types);
    if (error) return void rejected.push({ index, error });
    for (const family of families as MetricFamily[]) {
      const name = familyName(family);
      let into = merged.get(name);
      if (!into) merged.set(name, (into = { name, type: types.get(name) as Type, ...(family.help === undefined ? {} : { help: family.help }), series: new Map() }));
      for (const sample of family.samples) combine(into, sample, sources[index] as ExpositionSource, options);
    }
  });
  const om = options.format === 'openmetrics';
  let exposition = '';
  for (const family of merged.values()) exposition += render(family, om);
  return { exposition: om ? `${exposition}# EOF\n` : exposition, rejected };
}
