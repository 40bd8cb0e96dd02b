import { escapeLabelValue, formatValue } from './exposition';
import type { ExemplarSnapshot } from './snapshot';
import type { LabelValue } from './types';
import { fail, invalidValue, isLabelName, labelString, wellFormed } from './validate';

/**
 * An exemplar: labels that point elsewhere (usually a trace), optionally its own value and
 * time. Counters keep the latest per series, histograms the latest per bucket; only the
 * OpenMetrics exposition shows them.
 *
 * @example
 * requests.inc({ route: '/users/:id' }, 1, { labels: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' } });
 */
export interface Exemplar {
  /** Label names `[a-zA-Z_][a-zA-Z0-9_]*`; names and values together at most 128 code points (OpenMetrics 1.0). */
  readonly labels: Readonly<Record<string, LabelValue>>;
  /** Default: the increment (counters) or the observation (histograms). */
  readonly value?: number;
  /** ms since the Unix epoch. Default: `Date.now()` when recorded. */
  readonly timestamp?: number;
}

// OpenMetrics 1.0, "Exemplars": the combined length of the label names and values of an
// exemplar's label set MUST NOT exceed 128 UTF-8 characters (code points).
const MAX_CODE_POINTS = 128;

// Code points, not UTF-16 units, of a well-formed string: a surrogate pair counts once.
const codePoints = (text: string): number => {
  let n = text.length;
  for (let i = 0; i < text.length; i++) if ((text.charCodeAt(i) & 0xfc00) === 0xd800) n--;
  return n;
};

/**
 * Checks an exemplar given to `inc`/`observe` and returns it as a snapshot holds it (string
 * labels, value and timestamp filled in), or throws an error naming the metric and the rule.
 * `value` is the increment or observation, already checked.
 */
export function toExemplarSnapshot(subject: string, exemplar: Exemplar, value: number): ExemplarSnapshot {
  const given = (exemplar as Exemplar | null)?.labels;
  if (typeof given !== 'object' || !given) throw fail(TypeError, subject, 'an exemplar must be an object with labels');
  const labels: Record<string, string> = {};
  let length = 0;
  for (const name of Object.keys(given)) {
    if (!isLabelName(name)) throw fail(TypeError, subject, `exemplar label name ${JSON.stringify(name)} must match [a-zA-Z_][a-zA-Z0-9_]*`);
    const value = given[name];
    // Strings, the usual case, skip building labelString's subject on every update.
    const text = typeof value === 'string' ? wellFormed(value) : labelString(`${subject} exemplar`, name, value as LabelValue);
    labels[name] = text;
    length += name.length + codePoints(text);
  }
  if (length > MAX_CODE_POINTS) throw fail(RangeError, subject, `exemplar labels must total at most ${MAX_CODE_POINTS} code points, got ${length}`);
  const own = exemplar.value ?? value;
  if (!Number.isFinite(own)) throw invalidValue(subject, 'exemplar value', own, 'a finite number');
  const timestamp = exemplar.timestamp ?? Date.now();
  if (!Number.isFinite(timestamp)) throw invalidValue(subject, 'exemplar timestamp', timestamp, 'a finite number');
  return { labels, value: own, timestamp };
}

/** The OpenMetrics exemplar suffix of a sample: ` # {trace_id="abc"} 0.42 1700000000.123` (timestamp in seconds). */
export function renderExemplar({ labels, value, timestamp }: ExemplarSnapshot): string {
  let pairs = '';
  for (const name in labels) pairs += `${pairs ? ',' : ''}${name}="${escapeLabelValue(labels[name] as string)}"`;
  return ` # {${pairs}} ${formatValue(value)}${timestamp === undefined ? '' : ` ${formatValue(timestamp / 1000)}`}`;
}
