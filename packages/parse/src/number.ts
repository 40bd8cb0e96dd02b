// Numbers are checked by one left-to-right pass over the characters, never a regular
// expression: `\d+\.?\d*` backtracks quadratically on a long run of digits that ends badly.

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** The index after a run of digits starting at `i`. */
function digits(word: string, i: number): number {
  while (i < word.length && isDigit(word.charCodeAt(i))) i++;
  return i;
}

/**
 * Whether `word` is a real number in decimal (OpenMetrics `realnumber`; Go's ParseFloat without
 * hex or underscores): an optional sign, digits with an optional `.`, an optional exponent.
 */
export function isRealNumber(word: string): boolean {
  let i = word[0] === '+' || word[0] === '-' ? 1 : 0;
  const start = i;
  i = digits(word, i);
  let mantissa = i - start;
  if (word[i] === '.') {
    const after = digits(word, i + 1);
    mantissa += after - i - 1;
    i = after;
  }
  if (mantissa === 0) return false;
  if (word[i] === 'e' || word[i] === 'E') {
    i++;
    if (word[i] === '+' || word[i] === '-') i++;
    const end = digits(word, i);
    if (end === i) return false;
    i = end;
  }
  return i === word.length;
}

const SPECIAL = new Map([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
  ['nan', Number.NaN],
]);

/**
 * The value of a sample written as a real number, `Inf`/`Infinity` with an optional sign or `NaN`
 * (any case: ABNF strings are case-insensitive); `undefined` when `word` is none of these.
 */
export function readNumber(word: string): number | undefined {
  if (isRealNumber(word)) return Number(word);
  return word.length <= 9 ? SPECIAL.get(word.toLowerCase()) : undefined;
}
