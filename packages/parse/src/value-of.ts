import { readNumber } from './number';
import { parse } from './parse';
import type { Sample } from './types';

/** Anything with a `metrics()` method returning exposition text, such as a promkit `Registry`. */
export interface MetricsSource {
  metrics(): string;
}

// Bounds and quantiles are numbers: `{ le: 1 }` finds `le="1.0"`, `{ le: '1' }` finds `le="1"`.
const NUMERIC = new Set(['le', 'quantile']);

const sameValue = (label: string, written: string | undefined, wanted: unknown): boolean =>
  written === String(wanted) || (NUMERIC.has(label) && written !== undefined && readNumber(written) === readNumber(String(wanted)));

const sameLabels = (sample: Sample, labels: Readonly<Record<string, unknown>>): boolean => {
  const keys = Object.keys(labels);
  return keys.length === Object.keys(sample.labels).length && keys.every((key) => sameValue(key, sample.labels[key], labels[key]));
};

/**
 * The value of one sample, for tests: `labels` must match the sample's labels exactly (numbers
 * compared as strings, except `le` and `quantile`, compared as numbers). Without `labels`, the
 * sample must be the only one of that name. `undefined` when there is no such sample.
 *
 * @example
 * expect(valueOf(registry, 'http_requests_total', { method: 'GET', route: '/', status_code: 200 })).toBe(1);
 * expect(valueOf(registry, 'http_request_duration_seconds_bucket', { le: 1 })).toBe(1);
 */
export function valueOf(source: MetricsSource | string, name: string, labels?: Readonly<Record<string, unknown>>): number | undefined {
  const samples = parse(typeof source === 'string' ? source : source.metrics())
    .flatMap((family) => family.samples)
    .filter((sample) => sample.name === name);
  if (labels) return samples.find((sample) => sameLabels(sample, labels))?.value;
  if (samples.length > 1) {
    throw new Error(`valueOf: ${samples.length} samples are named "${name}"; pass the labels of the one you mean`);
  }
  return samples[0]?.value;
}
