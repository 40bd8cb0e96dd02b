import { parse } from './parse';
import type { FamilyType, MetricFamily } from './types';

/** How the gauges of several processes combine: one value (`sum`, `min`, `max`) or each kept under a label (`keep`). */
export type GaugeRule = 'sum' | 'min' | 'max' | 'keep';

/** One process's exposition and the labels that tell it apart under the `keep` rule. */
export interface ExpositionSource {
  readonly text: string;
  /** e.g. `{ worker: '3' }`. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Options of {@link aggregate}. */
export interface AggregateOptions {
  /** Rules for gauges by family name. Default: {@link AggregateOptions.gaugeRule}. */
  readonly gauges?: Readonly<Record<string, GaugeRule>>;
  /** The rule of gauges not in `gauges`. Default: `'keep'` (nothing is lost). */
  readonly gaugeRule?: GaugeRule;
}

const escape = (value: string): string => value.replace(/[\\\n"]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
const render = (value: number): string => (value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value));
const key = (name: string, labels: Readonly<Record<string, string>>): string =>
  `${name}{${Object.keys(labels)
    .map((k) => `${k}="${escape(labels[k] as string)}"`)
    .join(',')}}`;

interface Merged {
  name: string;
  type: FamilyType;
  help?: string;
  values: Map<string, number>;
}

/**
 * Combines the expositions of several processes into one text 0.0.4 exposition: counters,
 * histograms and summary counts and sums are added up; gauges follow their rule. A family
 * whose type differs between processes is an error naming it.
 *
 * @example
 * const text = aggregate([{ text: a, labels: { worker: '1' } }, { text: b, labels: { worker: '2' } }], { gauges: { queue_depth: 'sum' } });
 */
export function aggregate(sources: readonly ExpositionSource[], options: AggregateOptions = {}): string {
  const merged = new Map<string, Merged>();
  for (const source of sources) {
    for (const family of parse(source.text) as MetricFamily[]) {
      const name = family.type === 'counter' && !family.name.endsWith('_total') && family.samples.some((s) => s.name === `${family.name}_total`) ? `${family.name}_total` : family.name;
      let into = merged.get(name);
      if (!into) merged.set(name, (into = { name, type: family.type, ...(family.help === undefined ? {} : { help: family.help }), values: new Map() }));
      if (into.type !== family.type) throw new Error(`aggregate: metric "${name}" is a ${into.type} in one process and a ${family.type} in another`);
      const rule = family.type === 'gauge' || family.type === 'unknown' || family.type === 'untyped' ? (options.gauges?.[name] ?? options.gaugeRule ?? 'keep') : 'sum';
      for (const sample of family.samples) {
        if (sample.name.endsWith('_created')) continue;
        const labels = rule === 'keep' ? { ...sample.labels, ...source.labels } : sample.labels;
        const k = key(sample.name, labels);
        const was = into.values.get(k);
        const v = sample.value;
        into.values.set(k, was === undefined ? v : rule === 'min' ? Math.min(was, v) : rule === 'max' ? Math.max(was, v) : was + v);
      }
    }
  }
  let out = '';
  for (const family of merged.values()) {
    if (family.help !== undefined) out += `# HELP ${family.name} ${family.help.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'))}\n`;
    out += `# TYPE ${family.name} ${family.type === 'unknown' ? 'untyped' : family.type}\n`;
    for (const [k, v] of family.values) out += `${k.endsWith('{}') ? k.slice(0, -2) : k} ${render(v)}\n`;
  }
  return out;
}
