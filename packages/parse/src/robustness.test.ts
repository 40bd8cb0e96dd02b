import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { ParseError } from './types';

const formats = ['text', 'openmetrics'] as const;

/** Parses `text`, returning the ParseError if there is one; anything else thrown fails the test. */
const outcome = (text: string, format: (typeof formats)[number]): unknown => {
  try {
    return parse(text, { format });
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
};

const elapsed = (run: () => unknown): number => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

describe('parse: time linear in the input', () => {
  // Generous bounds: these guard against quadratic (or worse) behaviour, not for speed. A
  // quadratic parser needs minutes here; 100,000 label insertions alone take ~0.5 s on a busy
  // 2-core machine, hence the wider bound for that one.
  it.each(formats)('fails a 1 MB run of digits ending badly in well under a second (%s)', (format) => {
    expect(elapsed(() => outcome(`m ${'1'.repeat(1_000_000)}x\n`, format))).toBeLessThan(2000);
  });

  it.each(formats)('reads a 1 MB metric name and a 1 MB label value in well under a second (%s)', (format) => {
    const text = `${'m'.repeat(1_000_000)}{a="${'v'.repeat(1_000_000)}"} 1\n${format === 'openmetrics' ? '# EOF\n' : ''}`;
    expect(elapsed(() => expect(parse(text, { format })[0]?.samples[0]?.value).toBe(1))).toBeLessThan(2000);
  });

  it.each(formats)('reads a line with 100,000 labels in linear time (%s)', (format) => {
    const labels = Array.from({ length: 100_000 }, (_, i) => `l${i}="v${i}"`).join(',');
    const text = `m{${labels}} 1\n${format === 'openmetrics' ? '# EOF\n' : ''}`;
    expect(elapsed(() => expect(Object.keys(parse(text, { format })[0]?.samples[0]?.labels ?? {})).toHaveLength(100_000))).toBeLessThan(4000);
  });
});

// Fragments of valid and nearly valid lines, recombined into lines and texts.
const fragments = [
  '# TYPE ', '# HELP ', '# UNIT ', '# EOF', 'm', 'm_total', 'm_bucket', 'm_sum', 'm_count', 'm_created', 'm_info', 'm_gsum', 'm_gcount',
  ' counter', ' gauge', ' histogram', ' gaugehistogram', ' summary', ' info', ' stateset', ' unknown', ' untyped', ' constructor', ' __proto__',
  '{', '}', ',', '=', '"', '\\', '\\n', '\\"', 'le', 'quantile', '__proto__', 'constructor', 'valueOf', 'm', '"+Inf"', '"1.0"', '"0.5"', '"x"',
  ' ', '  ', '1', '-1', '0', '1.5', '1e3', 'NaN', 'Inf', '+Inf', '-inf', 'x', ' # ', '#', '\t', 'é', '😀',
];
const line = fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((parts) => parts.join(''));
const soup = fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n'));

describe('parse: nothing but ParseError escapes', () => {
  it.each(formats)('throws only ParseError on random text (%s)', (format) => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => void outcome(text, format)), { seed: 12, numRuns: 1000 });
  });

  it.each(formats)('throws only ParseError on grammar-shaped soup (%s)', (format) => {
    fc.assert(fc.property(soup, (text) => void outcome(`${text}\n# EOF\n`, format)), { seed: 13, numRuns: 5000 });
  });

  it.each(['constructor', '__proto__', 'valueOf', 'toString', 'hasOwnProperty'])('rejects "# TYPE m %s" as a ParseError naming the type', (type) => {
    for (const format of formats) {
      const error = outcome(`# TYPE m ${type}\n${format === 'openmetrics' ? '# EOF\n' : ''}`, format);
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).message).toContain(`got "${type}"`);
    }
  });

  it.each(formats)('reads a label named __proto__ as an ordinary label (%s)', (format) => {
    const [family] = parse(`m{__proto__="x",constructor="y"} 1\n${format === 'openmetrics' ? '# EOF\n' : ''}`, { format });
    const labels = family?.samples[0]?.labels ?? {};
    expect(Object.keys(labels)).toEqual(['__proto__', 'constructor']);
    expect(labels.__proto__).toBe('x');
  });
});

describe('parse: stricter than Python where the OpenMetrics ABNF is', () => {
  it.each([
    ['a duplicate series', 'a{x="1"} 1\na{x="1"} 2\n# EOF\n', 'expected each series once'],
    ['a duplicate bucket', '# TYPE a histogram\na_bucket{le="1.0"} 0\na_bucket{le="1.0"} 0\na_bucket{le="+Inf"} 0\n# EOF\n', 'expected each series once'],
    ['a space before "}"', 'a{a="1" } 1\n# EOF\n', '"," or "}"'],
    ['a space after "{"', 'a{ a="1"} 1\n# EOF\n', 'a label name'],
    ['a space after ","', 'a{a="1", b="2"} 1\n# EOF\n', 'a label name'],
  ])('rejects %s', (_, text, message) => {
    expect(() => parse(text)).toThrow(message);
  });
});
