import type { Descriptor } from './descriptor';
import { describe, type Family, type FamilyBook, newFamily, toMetricFamily } from './family';
import { type MetricFamily, ParseError, type Sample } from './types';

// The sample names each text 0.0.4 type owns, as suffixes of the family name.
const SUFFIXES = new Map<string, readonly string[]>([
  ['counter', ['']],
  ['gauge', ['']],
  ['untyped', ['']],
  ['histogram', ['_bucket', '_sum', '_count']],
  ['summary', ['', '_sum', '_count']],
]);
const ALL_SUFFIXES = ['_bucket', '_sum', '_count'];

/**
 * Text 0.0.4 families, as lenient as Prometheus's text parser: a sample finds its family by name
 * and suffix wherever it was declared; a family's lines must still be together.
 */
export class TextFamilies implements FamilyBook {
  private readonly families: Family[] = [];
  private readonly byName = new Map<string, Family>();
  private readonly ended = new Set<Family>();
  private current: Family | undefined;
  // Consecutive samples mostly share a name: remember the last one's.
  private lastName = '';

  describe(descriptor: Descriptor, line: number): void {
    const family = this.enter(this.byName.get(descriptor.name) ?? this.create(descriptor.name), line);
    describe(family, descriptor, SUFFIXES, false, line);
  }

  add(sample: Sample, line: number): void {
    const family = sample.name === this.lastName && this.current ? this.current : this.familyOf(sample.name, line);
    this.lastName = sample.name;
    if (family.type === 'histogram' && sample.name.endsWith('_bucket') && !('le' in sample.labels)) {
      throw new ParseError(line, `expected an "le" label on the bucket "${sample.name}"`);
    }
    if (family.type === 'summary' && sample.name === family.name && !('quantile' in sample.labels)) {
      throw new ParseError(line, `expected a "quantile" label on the summary sample "${sample.name}"`);
    }
    family.samples.push(sample);
  }

  finish(): MetricFamily[] {
    return this.families.map(toMetricFamily);
  }

  private enter(family: Family, line: number): Family {
    if (family === this.current) return family;
    if (this.ended.has(family)) throw new ParseError(line, `metric family "${family.name}" appears in two places: its lines must be together`);
    if (this.current) this.ended.add(this.current);
    this.lastName = '';
    return (this.current = family);
  }

  private create(name: string): Family {
    const family = newFamily(name, 'untyped');
    this.families.push(family);
    this.byName.set(name, family);
    return family;
  }

  private familyOf(name: string, line: number): Family {
    for (const suffix of ['', ...ALL_SUFFIXES]) {
      if (!name.endsWith(suffix)) continue;
      const family = this.byName.get(name.slice(0, name.length - suffix.length));
      if (family && (SUFFIXES.get(family.type) ?? []).includes(suffix)) return this.enter(family, line);
    }
    const clash = this.byName.get(name);
    if (clash) throw new ParseError(line, `sample "${name}" does not belong to the ${clash.type} family "${name}"`);
    return this.enter(this.create(name), line);
  }
}
