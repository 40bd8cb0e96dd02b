import { parse, type ParseOptions } from './parse';
import type { Sample } from './types';

const render = (value: number): string => (value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value));

const sampleLine = (sample: Sample): string => {
  const pairs = Object.keys(sample.labels)
    .sort()
    .map((key) => `${key}=${JSON.stringify(sample.labels[key])}`);
  return `${sample.name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${render(sample.value)}`;
};

/**
 * A deterministic rendering of an exposition for snapshots: families sorted by name, each as
 * `# TYPE` (and `# UNIT`) then its samples sorted, labels sorted by name; HELP texts, comments,
 * timestamps and exemplars left out. Text 0.0.4 and OpenMetrics of the same state differ only
 * in counter family names.
 *
 * @example
 * expect(normalize(registry.metrics())).toMatchSnapshot();
 */
export function normalize(text: string, options?: ParseOptions): string {
  return parse(text, options)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((family) =>
      [`# TYPE ${family.name} ${family.type}`, ...(family.unit ? [`# UNIT ${family.name} ${family.unit}`] : []), ...family.samples.map(sampleLine).sort()].join('\n'),
    )
    .join('\n')
    .concat('\n');
}
