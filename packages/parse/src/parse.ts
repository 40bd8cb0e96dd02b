import { readDescriptor } from './descriptor';
import type { FamilyBook } from './family';
import { LineReader } from './line-reader';
import { OpenMetricsFamilies } from './openmetrics-families';
import { readSample } from './sample-line';
import { TextFamilies } from './text-families';
import { type Format, type MetricFamily, ParseError } from './types';

/** Options of {@link parse}. */
export interface ParseOptions {
  /** The format of the text. Default: OpenMetrics when its last line is `# EOF`, else text 0.0.4. */
  readonly format?: Format;
}

function formatOf(lines: readonly string[], options: ParseOptions): Format {
  return options.format ?? (lines[lines.length - 1] === '# EOF' ? 'openmetrics' : 'text');
}

/** Reads one line into `book`; `true` when it is OpenMetrics' `# EOF`. */
function readLine(reader: LineReader, book: FamilyBook): boolean {
  const { text, line, om } = reader;
  if (text === '') {
    if (om) throw new ParseError(line, 'expected a sample or a descriptor, got an empty line (OpenMetrics has none)');
    return false;
  }
  if (text.charCodeAt(0) !== 35 /* # */) {
    book.add(readSample(reader), line);
    return false;
  }
  if (om && text === '# EOF') return true;
  const descriptor = readDescriptor(reader);
  if (descriptor) book.describe(descriptor, line);
  return false;
}

/**
 * Parses Prometheus text 0.0.4 or OpenMetrics 1.0 into metric families: strictly where
 * OpenMetrics 1.0 is (a bad escape, a repeated HELP or TYPE, a family split in two places, a
 * histogram without `+Inf`, a missing `# EOF`...), as leniently as Prometheus where text 0.0.4 is.
 * Anything wrong throws a {@link ParseError} naming the line; nothing else is ever thrown.
 *
 * @example
 * const families = parse('# TYPE up gauge\nup 1\n');
 * families[0]?.samples[0]?.value; // 1
 */
export function parse(text: string, options: ParseOptions = {}): MetricFamily[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const reader = new LineReader();
  reader.om = formatOf(lines, options) === 'openmetrics';
  const book: FamilyBook = reader.om ? new OpenMetricsFamilies() : new TextFamilies();
  let eof = false;
  for (let index = 0; index < lines.length; index++) {
    if (eof) throw new ParseError(index + 1, 'expected nothing after "# EOF"');
    eof = readLine(reader.reset(lines[index] as string, index + 1), book);
  }
  if (reader.om && !eof) throw new ParseError(lines.length + 1, 'expected "# EOF" at the end of an OpenMetrics text');
  return book.finish();
}
