import { escapeLabelValue, formatValue } from '@promkit/core';
import { parse, type ParseOptions } from './parse';
import type { MetricFamily, Sample } from './types';

/** Options of {@link normalize}. */
export interface NormalizeOptions extends ParseOptions {
  /**
   * Families whose values change from run to run, such as request durations: their values are
   * written `*`. For a histogram or summary only the values that depend on what was measured
   * (`_bucket`, `_sum`, quantiles) are masked; `_count` is kept. Default: none.
   */
  readonly mask?: readonly string[];
}

// The sample suffixes of a histogram or summary whose values are measurements, not counts.
const MEASURED = new Set(['_bucket', '_sum', '_gsum', '']);

const byName = (a: MetricFamily, b: MetricFamily): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function sampleLine(sample: Sample, masked: boolean): string {
  const pairs = Object.keys(sample.labels)
    .sort()
    .map((key) => `${key}="${escapeLabelValue(sample.labels[key] as string)}"`);
  return `${sample.name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${masked ? '*' : formatValue(sample.value)}`;
}

function isMasked(family: MetricFamily, sample: Sample): boolean {
  if (!['histogram', 'gaugehistogram', 'summary'].includes(family.type)) return true;
  return MEASURED.has(sample.name.slice(family.name.length));
}

/**
 * A deterministic rendering of an exposition for snapshots: families sorted by name, each as
 * `# TYPE` (and `# UNIT`) then its samples sorted, labels sorted by name; HELP texts, comments,
 * timestamps and exemplars left out, and the values of the `mask` families written `*`.
 *
 * @example
 * expect(normalize(registry.metrics(), { mask: ['http_request_duration_seconds'] })).toMatchSnapshot();
 */
export function normalize(text: string, options: NormalizeOptions = {}): string {
  const mask = new Set(options.mask);
  const render = (family: MetricFamily): string => {
    const masked = mask.has(family.name);
    const samples = family.samples.map((sample) => sampleLine(sample, masked && isMasked(family, sample)));
    return [`# TYPE ${family.name} ${family.type}`, ...(family.unit ? [`# UNIT ${family.name} ${family.unit}`] : []), ...samples.sort()].join('\n');
  };
  return `${parse(text, options).sort(byName).map(render).join('\n')}\n`;
}
