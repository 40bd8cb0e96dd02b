import type { Descriptor } from './descriptor';
import { describe, type Family, type FamilyBook, newFamily, toMetricFamily } from './family';
import { checkHistogram } from './histogram-rules';
import { checkSample, groupOf, labelKey, pointLabel } from './openmetrics-rules';
import { type MetricFamily, ParseError, type Sample } from './types';

// The sample names each OpenMetrics type owns, as suffixes of the family name.
const SUFFIXES = new Map<string, readonly string[]>([
  ['counter', ['_total', '_created']],
  ['gauge', ['']],
  ['unknown', ['']],
  ['stateset', ['']],
  ['info', ['_info']],
  ['histogram', ['_bucket', '_sum', '_count', '_created']],
  ['gaugehistogram', ['_bucket', '_gsum', '_gcount']],
  ['summary', ['', '_sum', '_count', '_created']],
]);

/** The family being read, with where its series stand. */
interface Current extends Family {
  groups: Set<string>;
  group?: string;
  groupTimestamp?: number;
  seriesInGroup: Set<string>;
  line: number;
}

/**
 * OpenMetrics families, read in order: a family's descriptors come first, then its samples, which
 * must be sample names its type owns; any other name starts the next family. A family name, and
 * every sample name it owns, belongs to one family in the whole exposition.
 */
export class OpenMetricsFamilies implements FamilyBook {
  private readonly families: MetricFamily[] = [];
  private readonly taken = new Set<string>();
  private current: Current | undefined;

  describe(descriptor: Descriptor, line: number): void {
    const family = this.current?.name === descriptor.name ? this.current : this.start(descriptor.name, line);
    family.line = line;
    describe(family, descriptor, SUFFIXES, true, line);
  }

  add(sample: Sample, line: number): void {
    let family = this.current;
    const suffix = family && sample.name.startsWith(family.name) ? sample.name.slice(family.name.length) : undefined;
    if (!family || suffix === undefined || !(SUFFIXES.get(family.type) as readonly string[]).includes(suffix)) {
      family = this.start(sample.name, line);
    }
    family.line = line;
    checkSample(family, sample, line);
    this.placeInSeries(family, sample, line);
    family.samples.push(sample);
  }

  finish(): MetricFamily[] {
    if (this.current) this.close(this.current);
    return this.families;
  }

  private start(name: string, line: number): Current {
    if (this.current) this.close(this.current);
    this.current = { ...newFamily(name, 'unknown'), groups: new Set(), seriesInGroup: new Set(), line };
    return this.current;
  }

  /** OpenMetrics 1.0, "MetricPoint": a series' samples are together and in time order, once each. */
  private placeInSeries(family: Current, sample: Sample, line: number): void {
    const group = groupOf(family, sample);
    const { timestamp } = sample;
    const fail = (rule: string): never => {
      throw new ParseError(line, `sample "${sample.name}" of "${family.name}": ${rule}`);
    };
    if (group !== family.group || !family.groups.size) {
      if (family.groups.has(group)) fail('expected the samples of one label set together, not interleaved with others');
      family.groups.add(group);
      family.group = group;
      family.seriesInGroup.clear();
    } else {
      if ((timestamp === undefined) !== (family.groupTimestamp === undefined)) fail('expected timestamps on all samples of a series or on none');
      if (timestamp !== undefined && timestamp < (family.groupTimestamp as number) && family.type !== 'info') fail('expected timestamps not to go backwards');
    }
    family.groupTimestamp = timestamp;
    const whole = family.type !== 'info' && !pointLabel(family, sample);
    const series = `${sample.name} ${whole ? group : labelKey(sample.labels)}`;
    if (timestamp === undefined && family.seriesInGroup.has(series)) fail('expected each series once (this one is a duplicate)');
    family.seriesInGroup.add(series);
  }

  private close(family: Current): void {
    const { name, type, unit, line } = family;
    for (const suffix of new Set(['', ...(SUFFIXES.get(type) as readonly string[])])) {
      if (this.taken.has(name + suffix)) throw new ParseError(line, `"${name + suffix}" belongs to two metric families (a family's lines must be together)`);
      this.taken.add(name + suffix);
    }
    if (unit && !name.endsWith(`_${unit}`)) throw new ParseError(line, `expected the family name "${name}" to end in "_${unit}", its unit`);
    if (unit && (type === 'info' || type === 'stateset')) throw new ParseError(line, `expected no UNIT on the ${type} "${name}"`);
    if (type === 'histogram' || type === 'gaugehistogram') checkHistogram(family, line);
    this.families.push(toMetricFamily(family));
    this.current = undefined;
  }
}
