import type { LineReader } from './line-reader';
import { ParseError } from './types';

/** A `# HELP`, `# TYPE` or `# UNIT` line: the keyword, the family name and the rest, as written. */
export interface Descriptor {
  readonly keyword: 'HELP' | 'TYPE' | 'UNIT';
  readonly name: string;
  readonly rest: string;
}

const KEYWORDS = ['HELP', 'TYPE', 'UNIT'] as const;

/**
 * Reads a line that starts with `#`: a descriptor, or `undefined` for a comment (text 0.0.4
 * only). OpenMetrics needs the space after the name (`# HELP name ` is an empty HELP,
 * `# HELP name` nothing) and has no comments; text 0.0.4 has no UNIT.
 */
export function readDescriptor(reader: LineReader): Descriptor | undefined {
  const { text, om } = reader;
  const keyword = KEYWORDS.find((word) => text.startsWith(`# ${word} `));
  if (!keyword || (keyword === 'UNIT' && !om)) {
    if (om) reader.fail('"# HELP", "# TYPE", "# UNIT" or "# EOF"');
    return undefined;
  }
  reader.pos = keyword.length + 3;
  const name = reader.metricName();
  if (reader.done && !om) return { keyword, name, rest: '' };
  reader.expect(' ', `a space after the name "${name}"`);
  return { keyword, name, rest: text.slice(reader.pos) };
}

/**
 * Unescapes a HELP text. `\\` and `\n` in both formats, `\"` in OpenMetrics; any other escape
 * is an error in text 0.0.4 and kept as written in OpenMetrics (as Python's parser does).
 */
export function unescapeHelp(text: string, om: boolean, line: number): string {
  return text.replace(/\\(.?)/g, (escape, next: string) => {
    if (next === 'n') return '\n';
    if (next === '\\' || (om && next === '"')) return next;
    if (om) return escape;
    throw new ParseError(line, `expected one of the escapes \\\\, \\n in HELP, got "${escape}"`);
  });
}
