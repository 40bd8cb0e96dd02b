import { type Descriptor, unescapeHelp } from './descriptor';
import { type FamilyType, type MetricFamily, ParseError, type Sample } from './types';

/** A metric family while it is being read. */
export interface Family {
  readonly name: string;
  type: FamilyType;
  help?: string;
  unit?: string;
  readonly samples: Sample[];
  typed: boolean;
}

/** What each format does with descriptors and samples as they come, and the families at the end. */
export interface FamilyBook {
  describe(descriptor: Descriptor, line: number): void;
  add(sample: Sample, line: number): void;
  finish(): MetricFamily[];
}

export const newFamily = (name: string, type: FamilyType): Family => ({ name, type, samples: [], typed: false });

/**
 * Sets the HELP, TYPE or UNIT of a family: each at most once, before its samples, and TYPE one of
 * `types` (a Map, so a type name is data: `# TYPE m constructor` is no type).
 */
export function describe(family: Family, { keyword, name, rest }: Descriptor, types: ReadonlyMap<string, unknown>, om: boolean, line: number): void {
  if (family.samples.length) throw new ParseError(line, `expected ${keyword} of "${name}" before its samples`);
  if (keyword === 'HELP') {
    if (family.help !== undefined) throw new ParseError(line, `HELP of "${name}" given twice`);
    family.help = unescapeHelp(rest, om, line);
  } else if (keyword === 'TYPE') {
    if (family.typed) throw new ParseError(line, `TYPE of "${name}" given twice`);
    if (!types.has(rest)) throw new ParseError(line, `expected a type (${[...types.keys()].join(', ')}), got ${JSON.stringify(rest)}`);
    family.type = rest as FamilyType;
    family.typed = true;
  } else {
    if (family.unit !== undefined) throw new ParseError(line, `UNIT of "${name}" given twice`);
    family.unit = rest;
  }
}

/** The family as `parse` returns it: no bookkeeping fields, HELP and UNIT only when given. */
export const toMetricFamily = ({ name, type, help, unit, samples }: Family): MetricFamily => ({
  name,
  type,
  ...(help === undefined ? {} : { help }),
  ...(unit === undefined ? {} : { unit }),
  samples,
});
