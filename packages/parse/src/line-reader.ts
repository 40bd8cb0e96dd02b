import { ParseError } from './types';

// Sticky (`y`): matched at `pos` in the whole line, without slicing it per token.
const METRIC_NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;
// Go's ParseFloat as Prometheus uses it, minus hex floats: decimals, exponents, Inf and NaN.
const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[iI]nf(?:inity)?|NaN)$/;

/** Reads the parts of one line left to right, failing with the line number and what was expected. */
export class LineReader {
  pos = 0;
  text = '';
  line = 0;

  /** Starts on a new line; one reader serves a whole parse. */
  reset(text: string, line: number): this {
    this.text = text;
    this.line = line;
    this.pos = 0;
    return this;
  }

  fail(expected: string): never {
    const rest = this.text.slice(this.pos);
    throw new ParseError(this.line, `expected ${expected}, got ${rest ? JSON.stringify(rest.slice(0, 20)) : 'the end of the line'}`);
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

  /** A double-quoted label value: only `\\`, `\"` and `\n` escapes exist. */
  quoted(): string {
    this.expect('"', 'a quoted label value');
    // Most values have no escape: take them in one slice.
    const close = this.text.indexOf('"', this.pos);
    const escape = this.text.indexOf('\\', this.pos);
    if (close >= 0 && (escape < 0 || escape > close)) {
      const value = this.text.slice(this.pos, close);
      this.pos = close + 1;
      return value;
    }
    let out = '';
    for (;;) {
      const char = this.text[this.pos++];
      if (char === undefined) this.fail('a closing quote');
      if (char === '"') return out;
      if (char === '\\') {
        const next = this.text[this.pos++];
        if (next === 'n') out += '\n';
        else if (next === '\\' || next === '"') out += next;
        else {
          this.pos -= 2;
          this.fail('one of the escapes \\\\, \\" or \\n');
        }
      } else out += char;
    }
  }

  /** `{name="value",...}`, with an optional trailing comma; duplicate names are an error. */
  labels(): Record<string, string> {
    const labels: Record<string, string> = {};
    this.expect('{');
    while (this.peek() !== '}') {
      const name = this.match(LABEL_NAME, 'a label name');
      if (Object.hasOwn(labels, name)) throw new ParseError(this.line, `label "${name}" appears twice`);
      this.expect('=');
      labels[name] = this.quoted();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') this.fail('"," or "}"');
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
    const word = this.word();
    if (!FLOAT.test(word)) {
      this.pos = start;
      this.fail(what);
    }
    return /^[+-]?inf/i.test(word) ? (word.startsWith('-') ? -Infinity : Infinity) : Number(word);
  }
}
