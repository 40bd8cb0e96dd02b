import type { LabelValue } from './types';

/** `text` with every lone surrogate replaced by U+FFFD, as UTF-8 encoding does. */
export const wellFormed = (text: string): string =>
  // isWellFormed (ES2024, Node 20) answers without the regex for the usual text; exemplars
  // convert their label values on every update.
  (text as { isWellFormed?(): boolean }).isWellFormed?.()
    ? text
    : text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Whether `name` is a valid metric name in both exposition formats: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
 *
 * @example
 * isMetricName('http_requests_total'); // true
 * isMetricName('2xx'); // false
 */
export const isMetricName = (name: unknown): name is string => typeof name === 'string' && METRIC_NAME.test(name);

/**
 * Whether `name` is a valid label name: `[a-zA-Z_][a-zA-Z0-9_]*`.
 *
 * @example
 * isLabelName('status_code'); // true
 * isLabelName('status-code'); // false
 */
export const isLabelName = (name: unknown): name is string => typeof name === 'string' && LABEL_NAME.test(name);

/** Builds an error whose message names its subject: `counter "jobs_total": ...`. */
export const fail = <E extends Error>(Kind: new (message: string) => E, subject: string, problem: string): E =>
  new Kind(`${subject}: ${problem}`);

/** Throws unless `name` is a valid metric name: `[a-zA-Z_:][a-zA-Z0-9_:]*`, no `__` prefix. */
export function checkMetricName(name: unknown): asserts name is string {
  if (!isMetricName(name) || name.startsWith('__')) {
    throw new TypeError(`metric name ${JSON.stringify(name)} must match [a-zA-Z_:][a-zA-Z0-9_:]* and not start with "__"`);
  }
}

/** Throws unless every label name of `subject` is valid (`[a-zA-Z_][a-zA-Z0-9_]*`), not reserved and unique. */
export function checkLabelNames(subject: string, names: readonly string[], reserved: readonly string[] = []): void {
  names.forEach((label, i) => {
    const problem = !isLabelName(label)
      ? 'must match [a-zA-Z_][a-zA-Z0-9_]*'
      : label.startsWith('__') || reserved.includes(label)
        ? 'is reserved'
        : names.indexOf(label) < i
          ? 'is listed twice'
          : '';
    if (problem) throw fail(TypeError, subject, `label name ${JSON.stringify(label)} ${problem}`);
  });
}

/** Throws unless `max` is a positive integer. */
export function checkMaxSeries(subject: string, max: number): void {
  if (!(Number.isInteger(max) && max > 0)) throw fail(RangeError, subject, `maxSeries must be a positive integer, got ${max}`);
}

/**
 * Converts a label value to the string it is rendered as, or throws naming the label. Lone
 * surrogates become U+FFFD, as UTF-8 encoding would make them, so strings that encode to the
 * same bytes are one series.
 */
export function labelString(subject: string, label: string, value: LabelValue | undefined): string {
  const type = typeof value;
  if (type === 'string') return wellFormed(value as string);
  if (type === 'number' || type === 'boolean') return String(value);
  throw fail(TypeError, subject, `label "${label}" ${value === undefined ? 'is missing' : `must be a string, number or boolean, got ${type}`}`);
}

/** The error for a bad sample value: `TypeError` for a non-number, `RangeError` for a number out of range. */
export const invalidValue = (subject: string, what: string, value: unknown, rule: string): Error =>
  fail(typeof value === 'number' ? RangeError : TypeError, subject, `${what} must be ${rule}, got ${String(value)}`);
