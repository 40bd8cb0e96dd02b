import { parse } from './parse';
import type { Sample } from './types';

/** Anything with a `metrics()` method returning exposition text, such as a promkit `Registry`. */
export interface MetricsSource {
  metrics(): string;
}

const sameLabels = (sample: Sample, labels: Readonly<Record<string, unknown>>): boolean => {
  const keys = Object.keys(labels);
  return keys.length === Object.keys(sample.labels).length && keys.every((key) => sample.labels[key] === String(labels[key]));
};

/**
 * The value of one sample, for tests: `labels` must match the sample's labels exactly (numbers
 * compared as strings). Without `labels`, the sample must be the only one of that name.
 * `undefined` when there is no such sample.
 *
 * @example
 * expect(valueOf(registry, 'http_requests_total', { method: 'GET', route: '/', status_code: 200 })).toBe(1);
 * expect(valueOf(registry, 'queue_depth')).toBe(0);
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
