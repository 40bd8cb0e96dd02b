import type { Metric } from './metric';
import type { Series } from './series';

/** Content type of the Prometheus text format 0.0.4. */
export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
/** Content type of the OpenMetrics 1.0 text format. */
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '"': '\\"' };
const escapeChar = (char: string): string => ESCAPES[char] as string;

/**
 * Escapes a label value for both formats: `\` → `\\`, `"` → `\"`, newline → `\n`.
 *
 * @example
 * escapeLabelValue('say "hi"'); // 'say \\"hi\\"'
 */
export const escapeLabelValue = (value: string): string => value.replace(/[\\\n"]/g, escapeChar);

// 0.0.4 HELP escapes only `\` and newline; OpenMetrics HELP is an escaped-string, so `"` too.
const escapeHelp = (help: string, om: boolean): string => help.replace(om ? /[\\\n"]/g : /[\\\n]/g, escapeChar);

/**
 * Renders a sample value: `+Inf`, `-Inf`, `NaN`, or the shortest round-trip decimal.
 *
 * @example
 * formatValue(Infinity); // '+Inf'
 */
export const formatValue = (value: number): string =>
  value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value);

/** Wraps rendered label pairs in braces, or nothing when there are none. */
export const braces = (pairs: string): string => (pairs ? `{${pairs}}` : '');

const pairsOf = (labels: Readonly<Record<string, string>>, skip: readonly string[]): string => {
  let out = '';
  for (const name in labels) {
    if (!skip.includes(name)) out += `${out ? ',' : ''}${name}="${escapeLabelValue(labels[name] as string)}"`;
  }
  return out;
};

const join = (a: string, b: string): string => (a && b ? `${a},${b}` : a || b);

const header = (family: string, type: string, help: string, unit: string | undefined, om: boolean): string =>
  om
    ? `# TYPE ${family} ${type}\n${unit ? `# UNIT ${family} ${unit}\n` : ''}# HELP ${family} ${escapeHelp(help, om)}\n`
    : `# HELP ${family} ${escapeHelp(help, om)}\n# TYPE ${family} ${type}\n`;

/**
 * Renders metric families as Prometheus text 0.0.4 (`om` false) or OpenMetrics 1.0 (`om` true).
 *
 * `labels` are the registry's default labels, added to every series that does not set them.
 * Metrics that dropped updates at their series cap are reported in
 * `promkit_series_dropped_total{metric}`. Rendering never changes a metric.
 */
export function render(
  metrics: Iterable<Metric<string, Series>>,
  om: boolean,
  labels: Readonly<Record<string, string>>,
): string {
  let out = '';
  let dropped = '';
  for (const metric of metrics) {
    metric.collect?.(metric as never);
    // OpenMetrics names the counter family without `_total`; its samples keep it.
    const family = om && metric.type === 'counter' ? metric.name.slice(0, -6) : metric.name;
    out += header(family, metric.type, metric.help, metric.unit, om);
    const extra = pairsOf(labels, metric.labelNames);
    if (!metric.labelNames.length) metric.at();
    for (const [key, series] of metric.series) out += metric.samples(series, join(metric.labelPairs(key), extra));
    if (metric.dropped) {
      dropped += `promkit_series_dropped_total{${join(`metric="${metric.name}"`, pairsOf(labels, ['metric']))}} ${metric.dropped}\n`;
    }
  }
  if (dropped) {
    out +=
      header(
        om ? 'promkit_series_dropped' : 'promkit_series_dropped_total',
        'counter',
        'Updates dropped because a metric reached its maxSeries limit.',
        undefined,
        om,
      ) + dropped;
  }
  return om ? `${out}# EOF\n` : out;
}

/**
 * Tells from an HTTP `Accept` header whether the scraper prefers OpenMetrics over text 0.0.4.
 *
 * @example
 * prefersOpenMetrics('application/openmetrics-text;version=1.0.0,text/plain;q=0.5'); // true
 * prefersOpenMetrics('*\/*'); // false
 */
export function prefersOpenMetrics(accept = ''): boolean {
  let om = 0;
  let text = 0;
  for (const range of accept.toLowerCase().split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim());
    const q = params.find((param) => param.startsWith('q='));
    const weight = q ? Number(q.slice(2)) || 0 : 1;
    if (type === 'application/openmetrics-text') om = Math.max(om, weight);
    else if (type === 'text/plain' || type === 'text/*' || type === '*/*') text = Math.max(text, weight);
  }
  return om > 0 && om >= text;
}
