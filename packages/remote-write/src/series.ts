import { formatBound, type MetricFamilySnapshot, type SeriesSnapshot } from '@promkit/core';

/** One series of a snapshot as remote write names it: sorted labels, `__name__` included. */
export interface NamedValue {
  readonly labels: readonly (readonly [string, string])[];
  readonly value: number;
  /** Counters and histograms start at 0 at `created`; gauges have no such start. */
  readonly created?: number;
}

const sorted = (name: string, labels: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>>): [string, string][] =>
  Object.entries({ ...extra, ...labels, __name__: name }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

// Histograms and summaries: buckets (counter-like, from `created`) or quantiles (gauge-like, NaN
// when the window is empty, as a scrape stores them), then _sum and _count.
function distributionValues(name: string, series: SeriesSnapshot, extra: Readonly<Record<string, string>>): NamedValue[] {
  const { labels, created } = series;
  return [
    ...(series.buckets ?? []).map(({ le, count }) => ({ labels: sorted(`${name}_bucket`, { ...labels, le: le === Infinity ? '+Inf' : formatBound(le) }, extra), value: count, created })),
    ...(series.quantiles ?? []).map(({ quantile, value }) => ({ labels: sorted(name, { ...labels, quantile: formatBound(quantile) }, extra), value })),
    { labels: sorted(`${name}_sum`, labels, extra), value: series.sum ?? 0, created },
    { labels: sorted(`${name}_count`, labels, extra), value: series.count ?? 0, created },
  ];
}

/**
 * The values of every series of `families`: counters under their `_total` name, gauges as
 * they are, histograms as `_bucket{le}` (core's `formatBound` spelling, `+Inf` last), `_sum`
 * and `_count`, summaries as `{quantile}` (the same spelling), `_sum` and `_count`. `extra` labels fill in where a series has no label of that name.
 */
export function namedValues(families: readonly MetricFamilySnapshot[], extra: Readonly<Record<string, string>>): NamedValue[] {
  const values: NamedValue[] = [];
  for (const family of families) {
    for (const series of family.series) {
      if (family.type === 'histogram' || family.type === 'summary') values.push(...distributionValues(family.name, series, extra));
      else
        values.push({
          labels: sorted(family.name, series.labels, extra),
          value: series.value ?? 0,
          created: family.type === 'counter' ? series.created : undefined,
        });
    }
  }
  return values;
}
