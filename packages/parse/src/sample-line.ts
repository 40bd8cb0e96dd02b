import { emptyLabels, type LineReader } from './line-reader';
import { type Exemplar, ParseError, type Sample } from './types';

/** A sample as it is built: its fields are set once, while reading its line. */
export type SampleDraft = { -readonly [K in keyof Sample]: Sample[K] };

// OpenMetrics 1.0, "Exemplars": the label names and values together hold at most 128 UTF-8
// code points. `for...of` counts code points, not UTF-16 units.
const MAX_EXEMPLAR_RUNES = 128;

function codePoints(labels: Readonly<Record<string, string>>): number {
  let count = 0;
  for (const name in labels) for (const _ of name + labels[name]) count++;
  return count;
}

function readExemplar(reader: LineReader): Exemplar {
  reader.expect('#');
  reader.expect(' ');
  const labels = reader.labels();
  if (codePoints(labels) > MAX_EXEMPLAR_RUNES) {
    throw new ParseError(reader.line, `expected exemplar labels of at most ${MAX_EXEMPLAR_RUNES} code points (names and values together)`);
  }
  reader.expect(' ');
  const value = reader.number('the exemplar value');
  if (reader.done) return { labels, value };
  reader.expect(' ');
  return { labels, value, timestamp: reader.timestamp('the exemplar timestamp') };
}

/**
 * Reads a sample line: `name{labels} value`, then an optional timestamp, then (OpenMetrics only)
 * an optional exemplar ` # {labels} value timestamp?`, each after exactly one space.
 */
export function readSample(reader: LineReader): SampleDraft {
  const name = reader.metricName();
  const labels = reader.peek() === '{' ? reader.labels() : emptyLabels();
  reader.expect(' ', 'a space and the value');
  const sample: SampleDraft = { name, labels, value: reader.number('a number (the value)') };
  if (reader.done) return sample;
  reader.expect(' ');
  if (reader.peek() !== '#') {
    sample.timestamp = reader.timestamp('a timestamp');
    if (reader.done) return sample;
    reader.expect(' ');
  }
  if (!reader.om) reader.fail('the end of the line');
  sample.exemplar = readExemplar(reader);
  if (!reader.done) reader.fail('the end of the line');
  return sample;
}
