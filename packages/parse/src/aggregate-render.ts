// Rendering one combined metric family of `aggregate` as text 0.0.4 or OpenMetrics.
import { escapeHelp, escapeLabelValue, formatValue } from '@promkit/core';

export type Type = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
export interface Series {
  readonly name: string;
  readonly labels: Record<string, string>;
  value: number;
}
export interface Merged {
  readonly name: string;
  readonly type: Type;
  readonly help?: string;
  readonly series: Map<string, Series>;
}

// Label order is not identity: `{a,b}` and `{b,a}` are one series.
export const identity = (name: string, labels: Readonly<Record<string, string>>, skip?: string): string =>
  `${name}{${Object.keys(labels)
    .filter((k) => k !== skip)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',')}}`;

// Buckets by bound, then `_sum`, then `_count`: the order both formats require within a series.
const bound = (s: Series): number => (s.labels.le === undefined ? 0 : s.labels.le === '+Inf' ? Infinity : Number(s.labels.le));
const orderIn = (family: string) => {
  const tail = (s: Series): number => (s.name === `${family}_count` ? 2 : s.name === `${family}_sum` ? 1 : 0);
  return (a: Series, b: Series): number => tail(a) - tail(b) || (bound(a) < bound(b) ? -1 : bound(a) > bound(b) ? 1 : 0);
};

export function render(family: Merged, om: boolean): string {
  // OpenMetrics names a counter family without `_total` and its samples with it.
  const name = om && family.type === 'counter' && family.name.endsWith('_total') ? family.name.slice(0, -6) : family.name;
  const type = `# TYPE ${name} ${family.type === 'untyped' && om ? 'unknown' : family.type}\n`;
  const help = family.help === undefined ? '' : `# HELP ${name} ${escapeHelp(family.help, om ? 'openmetrics' : 'text')}\n`;
  // All samples of one series together, as OpenMetrics requires of a histogram's or summary's.
  const groups = new Map<string, Series[]>();
  for (const series of family.series.values()) {
    const key = identity('', series.labels, 'le');
    groups.set(key, [...(groups.get(key) ?? []), series]);
  }
  let out = om ? type + help : help + type;
  for (const group of groups.values()) {
    for (const s of group.sort(orderIn(family.name))) {
      const sample = om && family.type === 'counter' && s.name === name ? `${name}_total` : s.name;
      const pairs = Object.keys(s.labels).map((k) => `${k}="${escapeLabelValue(s.labels[k] as string)}"`);
      out += `${sample}${pairs.length ? `{${pairs.join(',')}}` : ''} ${formatValue(s.value)}\n`;
    }
  }
  return out;
}
