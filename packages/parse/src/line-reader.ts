import { readNumber } from './number';
import { ParseError } from './types';

// Sticky (`y`) patterns matched at `pos` in the whole line, without slicing it per token. They
// are core's `isMetricName`/`isLabelName` patterns unanchored at the end, because here a name
// is the longest run at `pos` rather than a whole string; one character class after another,
// so matching is linear.
const METRIC_NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const QUOTE = 34;
const BACKSLASH = 92;

/** A label set whose names are data: no prototype, so `__proto__` is an ordinary key. */
export const emptyLabels = (): Record<string, string> => Object.create(null) as Record<string, string>;

/** Reads the parts of one line left to right, failing with the line number and what was expected. */
export class LineReader {
  pos = 0;
  text = '';
  line = 0;
  /** OpenMetrics rules (no trailing comma, unknown escapes kept) rather than text 0.0.4's. */
  om = false;

  /** Starts on a new line; one reader serves a whole parse. */
  reset(text: string, line: number): this {
    this.text = text;
    this.line = line;
    this.pos = 0;
    return this;
  }

  fail(expected: string): never {
    const rest = this.text.slice(this.pos, this.pos + 20);
    throw new ParseError(this.line, `expected ${expected}, got ${rest ? JSON.stringify(rest) : 'the end of the line'}`);
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  expect(char: string, what?: string): void {
    if (this.text[this.pos] !== char) this.fail(what ?? JSON.stringify(char));
    this.pos++;
  }

  match(pattern: RegExp, what: string): string {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (!found) this.fail(what);
    this.pos += found[0].length;
    return found[0];
  }

  metricName(): string {
    return this.match(METRIC_NAME, 'a metric name');
  }

  /**
   * A double-quoted label value. `\\`, `\"` and `\n` are escapes in both formats; any other
   * character after `\` is an error in text 0.0.4 (as in Prometheus's text parser) and kept
   * as written, backslash included, in OpenMetrics (as Prometheus's and Python's parsers do).
   */
  quoted(): string {
    this.expect('"', 'a quoted label value');
    const { text } = this;
    // Most values have no escape: one native search to the closing quote, one slice. Both only
    // read up to that quote, so a line of many labels stays linear.
    const close = text.indexOf('"', this.pos);
    const value = close < 0 ? '' : text.slice(this.pos, close);
    if (close >= 0 && !value.includes('\\')) {
      this.pos = close + 1;
      return value;
    }
    let out = '';
    let from = this.pos;
    for (let i = from; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        this.pos = i + 1;
        return out + text.slice(from, i);
      }
      if (code !== BACKSLASH) continue;
      const next = text[i + 1];
      out += text.slice(from, i);
      if (next === 'n') out += '\n';
      else if (next === '\\' || next === '"') out += next;
      else if (this.om && next !== undefined) out += `\\${next}`;
      else {
        this.pos = i;
        this.fail('one of the escapes \\\\, \\" or \\n');
      }
      from = ++i + 1;
    }
    this.pos = text.length;
    return this.fail('a closing quote');
  }

  /** `{name="value",...}`; a trailing comma only in text 0.0.4; duplicate names are an error. */
  labels(): Record<string, string> {
    const labels = emptyLabels();
    this.expect('{');
    while (this.peek() !== '}') {
      const name = this.match(LABEL_NAME, 'a label name');
      if (name in labels) throw new ParseError(this.line, `label "${name}" appears twice`);
      this.expect('=');
      labels[name] = this.quoted();
      if (this.peek() === ',') {
        this.pos++;
        if (this.om && this.peek() === '}') this.fail('a label name after "," (OpenMetrics has no trailing comma)');
      } else if (this.peek() !== '}') this.fail('"," or "}"');
    }
    this.pos++;
    return labels;
  }

  /** A word up to the next space or the end: a value or a timestamp. */
  word(): string {
    const end = this.text.indexOf(' ', this.pos);
    const word = this.text.slice(this.pos, end < 0 ? undefined : end);
    this.pos += word.length;
    return word;
  }

  number(what: string): number {
    const start = this.pos;
    const value = readNumber(this.word());
    if (value === undefined) {
      this.pos = start;
      this.fail(what);
    }
    return value;
  }

  /** A timestamp: a real number (integer milliseconds in text 0.0.4), never NaN or Inf. */
  timestamp(what: string): number {
    const start = this.pos;
    const value = this.number(what);
    if (!Number.isFinite(value) || (!this.om && !Number.isInteger(value))) {
      this.pos = start;
      this.fail(this.om ? `${what} (a real number)` : 'an integer timestamp in milliseconds');
    }
    return value;
  }
}
