import type { Family } from './family';
import { readNumber } from './number';
import { ParseError, type Sample } from './types';

// OpenMetrics 1.0, "Metric types": counter-like samples are never NaN, and all but `_gsum`
// (a gauge histogram's sum may go down) never negative.
const NOT_NAN = new Set(['_total', '_sum', '_count', '_bucket', '_gcount', '_gsum']);
const NOT_NEGATIVE = new Set(['_total', '_sum', '_count', '_bucket', '_gcount']);

/** The number in a label that must hold one (`le`, `quantile`); `undefined` when it does not. */
function labelNumber(sample: Sample, label: string): number | undefined {
  const written = sample.labels[label];
  const value = written === undefined ? undefined : readNumber(written);
  // `+Inf` has one spelling in `le` (OpenMetrics 1.0, "Histogram": canonical numbers).
  return value === undefined || Number.isNaN(value) || (value === Infinity && written !== '+Inf') ? undefined : value;
}

function checkValue(family: Family, sample: Sample, suffix: string, line: number): void {
  const { name, value } = sample;
  const fail = (rule: string): never => {
    throw new ParseError(line, `sample "${name}" of the ${family.type} "${family.name}": ${rule}, got ${value}`);
  };
  if (NOT_NAN.has(suffix) && Number.isNaN(value)) fail('expected a number, not NaN');
  if (NOT_NEGATIVE.has(suffix) && value < 0) fail('expected a value >= 0');
  if ((suffix === '_bucket' || suffix === '_count' || suffix === '_gcount') && !Number.isInteger(value)) fail('expected an integer count');
  if (family.type === 'stateset' && value !== 0 && value !== 1) fail('expected a state of 0 or 1');
  if (family.type === 'info' && value !== 1) fail('expected an info value of 1');
  if (family.type === 'summary' && suffix === '' && value < 0) fail('expected a quantile value >= 0');
}

function checkLabels(family: Family, sample: Sample, suffix: string, line: number): void {
  const fail = (rule: string): never => {
    throw new ParseError(line, `sample "${sample.name}" of the ${family.type} "${family.name}": ${rule}`);
  };
  if (family.type === 'stateset' && !(family.name in sample.labels)) fail(`expected a label "${family.name}" naming the state`);
  if (suffix === '_bucket' && labelNumber(sample, 'le') === undefined) fail(`expected an "le" label holding a number (+Inf spelled "+Inf"), got ${JSON.stringify(sample.labels.le)}`);
  if (family.type === 'summary' && suffix === '') {
    const quantile = labelNumber(sample, 'quantile');
    if (quantile === undefined || quantile < 0 || quantile > 1) fail(`expected a "quantile" label holding a number in [0, 1], got ${JSON.stringify(sample.labels.quantile)}`);
  }
  const histogram = family.type === 'histogram' || family.type === 'gaugehistogram';
  if (sample.exemplar && !((histogram && suffix === '_bucket') || (family.type === 'counter' && suffix === '_total'))) {
    fail('expected no exemplar: only counter _total and histogram _bucket samples carry one');
  }
}

/** Checks one sample against the rules of its family's type (OpenMetrics 1.0, "Metric types"). */
export function checkSample(family: Family, sample: Sample, line: number): void {
  const suffix = sample.name.slice(family.name.length);
  checkLabels(family, sample, suffix, line);
  checkValue(family, sample, suffix, line);
}

/**
 * The label that tells the samples of one series group (a MetricPoint) apart: `le`, `quantile`,
 * the state; `''` when none does.
 */
export function pointLabel(family: Family, sample: Sample): string {
  const suffix = sample.name.slice(family.name.length);
  const histogram = family.type === 'histogram' || family.type === 'gaugehistogram';
  return histogram && suffix === '_bucket' ? 'le' : family.type === 'summary' && suffix === '' ? 'quantile' : family.type === 'stateset' ? family.name : '';
}

/** The key of a sample's series group: its labels without {@link pointLabel}; all info samples share one. */
export const groupOf = (family: Family, sample: Sample): string =>
  family.type === 'info' ? '' : labelKey(sample.labels, pointLabel(family, sample));

/** A key for a label set, whatever the order its labels were written in; `skip` left out. */
export function labelKey(labels: Readonly<Record<string, string>>, skip = ''): string {
  const pairs: string[] = [];
  for (const label in labels) if (label !== skip) pairs.push(label, labels[label] as string);
  return pairs.length ? JSON.stringify(pairs.length > 2 ? sortPairs(pairs) : pairs) : '';
}

function sortPairs(pairs: string[]): string[] {
  const names: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) names.push(i);
  names.sort((a, b) => ((pairs[a] as string) < (pairs[b] as string) ? -1 : 1));
  return names.flatMap((i) => [pairs[i] as string, pairs[i + 1] as string]);
}
