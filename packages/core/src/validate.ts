import type { LabelValue } from './types';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Builds the error for `metric` with a message that names it: `counter "jobs_total": ...`. */
export const fail = <E extends Error>(Kind: new (message: string) => E, metric: string, problem: string): E =>
  new Kind(`${metric}: ${problem}`);

/** Throws unless `name` is a valid metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`, no `__` prefix). */
export function checkMetricName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !METRIC_NAME.test(name) || name.startsWith('__')) {
    throw new TypeError(
      `metric name ${JSON.stringify(name)} is invalid: it must match [a-zA-Z_:][a-zA-Z0-9_:]* and not start with "__"`,
    );
  }
}

/** Throws unless every label name is valid, unreserved and unique for the metric `owner`. */
export function checkLabelNames(owner: string, names: readonly string[], reserved?: string): void {
  names.forEach((label, i) => {
    const problem =
      typeof label !== 'string' || !LABEL_NAME.test(label)
        ? 'must match [a-zA-Z_][a-zA-Z0-9_]*'
        : label.startsWith('__')
          ? 'is reserved: the "__" prefix belongs to Prometheus'
          : label === reserved
            ? 'is reserved on histograms for bucket bounds'
            : names.indexOf(label) !== i
              ? 'is listed twice'
              : '';
    if (problem) throw fail(TypeError, owner, `label name ${JSON.stringify(label)} ${problem}`);
  });
}

/** Converts a label value to its string form, or throws naming the metric and the label. */
export function labelValue(owner: string, label: string, value: LabelValue | undefined): string {
  const type = typeof value;
  if (type === 'number' || type === 'boolean') return String(value);
  throw fail(
    TypeError,
    owner,
    value === undefined
      ? `label "${label}" is missing`
      : `label "${label}" must be a string, number or boolean, got ${type}`,
  );
}

/** The error for a bad sample value: `TypeError` for a non-number, `RangeError` for a number out of range. */
export const invalidValue = (owner: string, what: string, value: unknown, rule: string): Error =>
  fail(typeof value === 'number' ? RangeError : TypeError, owner, `${what} must be ${rule}, got ${String(value)}`);
