import { LineReader } from './line-reader';
import { type FamilyType, type Format, type MetricFamily, ParseError, type Sample } from './types';

/** Options of {@link parse}. */
export interface ParseOptions {
  /** The format of the text. Default: OpenMetrics when its last line is `# EOF`, else text 0.0.4. */
  readonly format?: Format;
}

// The sample names each family type owns, as suffixes of the family name.
const SUFFIXES: Record<Format, Partial<Record<FamilyType, readonly string[]>>> = {
  text: { counter: [''], gauge: [''], untyped: [''], histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] },
  openmetrics: {
    counter: ['_total', '_created'],
    gauge: [''],
    unknown: [''],
    stateset: [''],
    info: ['_info'],
    histogram: ['_bucket', '_sum', '_count', '_created'],
    gaugehistogram: ['_bucket', '_gsum', '_gcount'],
    summary: ['', '_sum', '_count', '_created'],
  },
};
const ALL_SUFFIXES = ['_total', '_created', '_bucket', '_sum', '_count', '_gsum', '_gcount', '_info'];

interface Family extends MetricFamily {
  type: FamilyType;
  help?: string;
  unit?: string;
  typed: boolean;
  ended: boolean;
}

// HELP text: 0.0.4 escapes `\` and newline; OpenMetrics also `"`. Anything else after `\` is an error.
function unescapeHelp(text: string, om: boolean, line: number): string {
  return text.replace(/\\(.?)/g, (_, next: string) => {
    if (next === 'n') return '\n';
    if (next === '\\' || (om && next === '"')) return next;
    throw new ParseError(line, `expected one of the escapes \\\\, ${om ? '\\", ' : ''}\\n in HELP, got "\\${next}"`);
  });
}

/**
 * Parses Prometheus text 0.0.4 or OpenMetrics 1.0 into metric families, strictly: a bad escape,
 * a repeated HELP or TYPE, a family split in two places, a missing `# EOF` (OpenMetrics) and
 * anything else the formats forbid throw a {@link ParseError} naming the line.
 *
 * @example
 * const families = parse(registry.metrics());
 * families.find((f) => f.name === 'http_requests_total')?.samples.length;
 */
export function parse(text: string, options: ParseOptions = {}): MetricFamily[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const om = (options.format ?? (lines[lines.length - 1] === '# EOF' ? 'openmetrics' : 'text')) === 'openmetrics';
  const suffixes = SUFFIXES[om ? 'openmetrics' : 'text'];
  const families: Family[] = [];
  const byName = new Map<string, Family>();
  let current: Family | undefined;
  let eof = false;
  const reader = new LineReader();

  const enter = (family: Family, line: number): Family => {
    if (family === current) return family;
    if (family.ended) throw new ParseError(line, `metric family "${family.name}" appears in two places: its lines must be together`);
    if (current) current.ended = true;
    return (current = family);
  };
  const create = (name: string, line: number): Family => {
    const family: Family = { name, type: om ? 'unknown' : 'untyped', samples: [], typed: false, ended: false };
    families.push(family);
    byName.set(name, family);
    return enter(family, line);
  };
  const owns = (family: Family, name: string): boolean =>
    name.startsWith(family.name) &&
    (suffixes[family.type] ?? ['']).some((suffix) => name.length === family.name.length + suffix.length && name.endsWith(suffix));
  // Consecutive samples mostly share a name: remember the last one's family.
  let lastName = '';
  let lastFamily: Family | undefined;
  const familyOf = (name: string, line: number): Family => {
    if (current && owns(current, name)) return current;
    for (const candidate of [name, ...ALL_SUFFIXES.filter((s) => name.endsWith(s)).map((s) => name.slice(0, -s.length))]) {
      const family = byName.get(candidate);
      if (family && owns(family, name)) return enter(family, line);
    }
    if (byName.has(name)) throw new ParseError(line, `sample "${name}" does not belong to the ${byName.get(name)?.type} family "${name}"`);
    return create(name, line);
  };

  lines.forEach((text, index) => {
    const line = index + 1;
    if (eof) throw new ParseError(line, 'expected nothing after "# EOF"');
    if (text === '') {
      if (om) throw new ParseError(line, 'expected a sample or a descriptor, got an empty line (OpenMetrics has none)');
      return;
    }
    if (text.startsWith('#')) {
      if (text === '# EOF' && om) {
        eof = true;
        return;
      }
      const descriptor = /^# (HELP|TYPE|UNIT) /.exec(text);
      if (!descriptor || (descriptor[1] === 'UNIT' && !om)) {
        if (om) throw new ParseError(line, `expected "# HELP", "# TYPE", "# UNIT" or "# EOF", got ${JSON.stringify(text.slice(0, 20))}`);
        return; // a comment in text 0.0.4
      }
      reader.reset(text, line).pos = descriptor[0].length;
      const name = reader.metricName();
      const rest = reader.done ? '' : (reader.expect(' '), text.slice(reader.pos));
      const family = byName.get(name) ?? create(name, line);
      enter(family, line);
      if (family.samples.length) throw new ParseError(line, `expected ${descriptor[1]} of "${name}" before its samples`);
      if (descriptor[1] === 'HELP') {
        if (family.help !== undefined) throw new ParseError(line, `HELP of "${name}" given twice`);
        family.help = unescapeHelp(rest, om, line);
      } else if (descriptor[1] === 'TYPE') {
        if (family.typed) throw new ParseError(line, `TYPE of "${name}" given twice`);
        if (!(rest in suffixes)) throw new ParseError(line, `expected a type (${Object.keys(suffixes).join(', ')}), got ${JSON.stringify(rest)}`);
        family.type = rest as FamilyType;
        family.typed = true;
      } else {
        if (family.unit !== undefined) throw new ParseError(line, `UNIT of "${name}" given twice`);
        if (rest && !name.endsWith(`_${rest}`)) throw new ParseError(line, `expected the family name "${name}" to end in "_${rest}", its unit`);
        family.unit = rest;
      }
      return;
    }
    reader.reset(text, line);
    const name = reader.metricName();
    const labels = reader.peek() === '{' ? reader.labels() : {};
    reader.expect(' ', 'a space and the value');
    const value = reader.number('a number (the value)');
    let timestamp: number | undefined;
    let exemplar: Sample['exemplar'];
    if (!reader.done) {
      reader.expect(' ');
      if (reader.peek() !== '#') {
        timestamp = reader.number('a timestamp');
        if (!om && !Number.isInteger(timestamp)) throw new ParseError(line, 'expected an integer timestamp in milliseconds');
        if (!reader.done) reader.expect(' ');
      }
      if (!reader.done) {
        if (!om) reader.fail('the end of the line');
        reader.expect('#');
        reader.expect(' ');
        const exemplarLabels = reader.labels();
        reader.expect(' ');
        const exemplarValue = reader.number('the exemplar value');
        const exemplarTime = reader.done ? undefined : (reader.expect(' '), reader.number('the exemplar timestamp'));
        exemplar = exemplarTime === undefined ? { labels: exemplarLabels, value: exemplarValue } : { labels: exemplarLabels, value: exemplarValue, timestamp: exemplarTime };
      }
    }
    if (!reader.done) reader.fail('the end of the line');
    const family = name === lastName && lastFamily === current && lastFamily ? lastFamily : familyOf(name, line);
    lastName = name;
    lastFamily = family;
    const histogram = family.type === 'histogram' || family.type === 'gaugehistogram';
    if (histogram && name.endsWith('_bucket') && !('le' in labels)) throw new ParseError(line, `expected an "le" label on the bucket "${name}"`);
    if (family.type === 'summary' && name === family.name && !('quantile' in labels)) throw new ParseError(line, `expected a "quantile" label on the summary sample "${name}"`);
    if (om && family.type === 'counter' && name.endsWith('_total') && !(value >= 0)) throw new ParseError(line, `expected a counter value >= 0, got ${value}`);
    if (exemplar && !((family.type === 'counter' && name.endsWith('_total')) || (histogram && name.endsWith('_bucket')))) {
      throw new ParseError(line, 'expected no exemplar: only counter _total and histogram _bucket samples carry one');
    }
    const sample: { -readonly [K in keyof Sample]: Sample[K] } = { name, labels, value };
    if (timestamp !== undefined) sample.timestamp = timestamp;
    if (exemplar) sample.exemplar = exemplar;
    family.samples.push(sample);
  });
  if (om && !eof) throw new ParseError(lines.length + 1, 'expected "# EOF" at the end of an OpenMetrics text');
  return families.map(({ name, type, help, unit, samples }) => ({
    name,
    type,
    ...(help === undefined ? {} : { help }),
    ...(unit === undefined ? {} : { unit }),
    samples,
  }));
}
