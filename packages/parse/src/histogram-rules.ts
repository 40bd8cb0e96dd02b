import type { Family } from './family';
import { readNumber } from './number';
import { groupOf } from './openmetrics-rules';
import { ParseError, type Sample } from './types';

/** What one histogram MetricPoint (a group of samples at one timestamp) has shown so far. */
interface Point {
  bound: number;
  count: number;
  total?: number;
  sum: boolean;
  gsum: boolean;
  negativeBucket: boolean;
  negativeGsum: boolean;
}

const newPoint = (): Point => ({ bound: Number.NaN, count: 0, sum: false, gsum: false, negativeBucket: false, negativeGsum: false });

function closePoint(point: Point, fail: (rule: string) => never): void {
  if (point.bound !== Infinity) fail('expected an le="+Inf" bucket');
  if (point.total !== undefined && point.total !== point.count) fail(`expected _count (${point.total}) to equal the +Inf bucket (${point.count})`);
  if ((point.sum || point.gsum) && point.total === undefined) fail('expected a _count (or _gcount) beside the _sum (or _gsum)');
  if (point.total !== undefined && !point.sum && !point.gsum) fail('expected a _sum (or _gsum) beside the _count (or _gcount)');
  if (point.negativeBucket && point.sum) fail('expected no _sum with negative buckets (use a gauge histogram)');
  if (!point.negativeBucket && point.negativeGsum) fail('expected no negative _gsum without negative buckets');
}

function addToPoint(point: Point, sample: Sample, suffix: string, fail: (rule: string) => never): void {
  if (suffix === '_bucket') {
    const bound = readNumber(sample.labels.le as string) as number;
    if (bound <= point.bound /* false while NaN: no bucket yet */) fail(`expected buckets in increasing "le" order, got ${sample.labels.le} after ${point.bound}`);
    if (sample.value < point.count) fail(`expected cumulative bucket counts, got ${sample.value} after ${point.count}`);
    if (bound < 0) point.negativeBucket = true;
    point.bound = bound;
    point.count = sample.value;
  } else if (suffix === '_count' || suffix === '_gcount') point.total = sample.value;
  else if (suffix === '_sum') point.sum = true;
  else if (suffix === '_gsum') {
    point.gsum = true;
    if (sample.value < 0) point.negativeGsum = true;
  }
}

/**
 * Checks the structure of each MetricPoint of a histogram or gauge histogram (OpenMetrics 1.0,
 * "Histogram"): buckets in increasing `le` order with cumulative counts up to `+Inf`, whose count
 * `_count` equals, and `_sum` and `_count` together.
 */
export function checkHistogram(family: Family, line: number): void {
  const fail = (rule: string): never => {
    throw new ParseError(line, `${family.type} "${family.name}": ${rule}`);
  };
  let point: Point | undefined;
  let group: string | undefined;
  let timestamp: number | undefined;
  for (const sample of family.samples) {
    const suffix = sample.name.slice(family.name.length);
    const sampleGroup = groupOf(family, sample);
    if (!point || sampleGroup !== group || sample.timestamp !== timestamp) {
      if (point) closePoint(point, fail);
      point = newPoint();
    }
    group = sampleGroup;
    timestamp = sample.timestamp;
    addToPoint(point, sample, suffix, fail);
  }
  if (point) closePoint(point, fail);
}
