import { type Metric, stateOf } from './metric';
import type { Series } from './series';
import { defaultLabels, type SelfMetric } from './snapshot';

/** Content type of the Prometheus text format 0.0.4. */
export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
/** Content type of the OpenMetrics 1.0 text format. */
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

const escapeChar = (char: string): string => (char === '\n' ? '\\n' : `\\${char}`);

/**
 * Escapes a label value, the same in both formats: `\` → `\\`, `"` → `\"`, newline → `\n`.
 *
 * @example
 * escapeLabelValue('say "hi"'); // 'say \\"hi\\"'
 */
export const escapeLabelValue = (value: string): string => value.replace(/[\\\n"]/g, escapeChar);

/**
 * Renders a sample value: `+Inf`, `-Inf`, `NaN`, or the shortest decimal that reads back exactly.
 *
 * @example
 * formatValue(Infinity); // '+Inf'
 */
export const formatValue = (value: number): string =>
  value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value);

/** Wraps rendered label pairs in braces, or nothing when there are none. */
export const braces = (pairs: string): string => (pairs ? `{${pairs}}` : '');

const join = (a: string, b: string): string => (a && b ? `${a},${b}` : a || b);

// The registry's default labels, minus those a metric sets itself.
const defaultPairs = (labels: Readonly<Record<string, string>>, own: readonly string[]): string =>
  defaultLabels(labels, own)
    .map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
    .join();

/**
 * Escapes a HELP text: `\` → `\\` and newline → `\n` in both formats, and in OpenMetrics
 * also `"` → `\"`, since its HELP is an escaped-string whose normal-char excludes DQUOTE
 * (OpenMetrics 1.0 ABNF). `promtool check metrics` of Prometheus 2.42 reads every input with
 * the 0.0.4 parser and so refuses `\"`; Prometheus' OpenMetrics scrape parser and Python's
 * prometheus_client read it.
 *
 * @example
 * escapeHelp('say "hi"\n', 'text'); // 'say "hi"\\n'
 * escapeHelp('say "hi"', 'openmetrics'); // 'say \\"hi\\"'
 */
export const escapeHelp = (help: string, format: 'text' | 'openmetrics' = 'text'): string =>
  help.replace(format === 'openmetrics' ? /[\\\n"]/g : /[\\\n]/g, escapeChar);

function header(family: string, type: string, help: string, unit: string | undefined, om: boolean): string {
  help = `# HELP ${family} ${escapeHelp(help, om ? 'openmetrics' : 'text')}\n`;
  type = `# TYPE ${family} ${type}\n`;
  // OpenMetrics orders metadata TYPE, UNIT, HELP; 0.0.4 has no UNIT.
  return om ? type + (unit ? `# UNIT ${family} ${unit}\n` : '') + help : help + type;
}

/** An OpenMetrics `<family>_created` sample: the series' creation time in seconds since the Unix epoch. */
export const createdSample = (family: string, labels: string, created: number): string =>
  `${family}_created${braces(labels)} ${formatValue(created / 1000)}\n`;

/** The `_sum` and `_count` samples a histogram and a summary end with, then OpenMetrics `_created` when asked for. */
export const sumAndCount = (name: string, labels: string, sum: number, count: number, created: boolean, createdAt: number): string =>
  `${name}_sum${braces(labels)} ${formatValue(sum)}\n${name}_count${braces(labels)} ${count}\n${created ? createdSample(name, labels, createdAt) : ''}`;

// Series per chunk of `renderChunks`: small enough that rendering one chunk takes about a
// millisecond, large enough that the generator costs nothing measurable.
const CHUNK_SERIES = 1000;

/**
 * Renders metrics as Prometheus text 0.0.4 (`om` false) or OpenMetrics 1.0 (`om` true), in
 * chunks: a family's header with up to 1,000 of its series, then its further series 1,000 at a
 * time. `scrape()` yields to the event loop between chunks, so a large registry never stalls it.
 */
export function* renderChunks(
  metrics: Iterable<Metric<string, Series, unknown>>,
  om: boolean,
  labels: Readonly<Record<string, string>>,
  self: readonly SelfMetric[],
  created: false | number,
): Generator<string, void, undefined> {
  for (const metric of metrics) {
    const { name, type, labelNames } = metric;
    // OpenMetrics names a counter family without `_total`; its samples keep it.
    let out = header(om && type === 'counter' ? name.slice(0, -6) : name, type, metric.help, metric.unit, om);
    const extra = defaultPairs(labels, labelNames);
    let n = 0;
    for (const [key, series] of stateOf(metric).series) {
      out += metric.samples(series, join(metric.pairs(key), extra), created !== false, om);
      if (++n % CHUNK_SERIES === 0) {
        yield out;
        out = '';
      }
    }
    yield out;
  }
  const extra = defaultPairs(labels, ['metric']);
  let out = '';
  for (const { name, help, counts } of self) {
    if (!counts.length) continue;
    out += header(om ? name.slice(0, -6) : name, 'counter', help, '', om);
    for (const [metric, value] of counts) {
      const pairs = join(`metric="${escapeLabelValue(metric)}"`, extra);
      out += `${name}{${pairs}} ${value}\n${created === false ? '' : createdSample(name.slice(0, -6), pairs, created)}`;
    }
  }
  yield om ? `${out}# EOF\n` : out;
}
