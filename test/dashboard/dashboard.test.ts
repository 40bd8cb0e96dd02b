// The Grafana dashboard only queries metrics our packages produce: every metric name in its
// PromQL is one that http, breaker or node exposes, under the same name.
import { readFileSync } from 'node:fs';
import { createBreakerMetrics } from '@promkit/breaker';
import { Registry } from '@promkit/core';
import { createHttpMetrics } from '@promkit/http';
import { createRuntimeMetrics } from '@promkit/node-runtime';
import { describe, expect, it } from 'vitest';

const dashboard = JSON.parse(readFileSync(new URL('../../dashboards/promkit.json', import.meta.url), 'utf8'));

// Every PromQL string of the dashboard: panel targets and variable queries.
function expressions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) expressions(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'expr' || key === 'query') && typeof value === 'string' && value !== 'prometheus') found.push(value);
      else expressions(value, found);
    }
  }
  return found;
}

// The metric names a PromQL expression selects: identifiers that are not functions, keywords,
// label names (inside braces or grouping clauses), durations or Grafana variables.
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\$\w+/g, '');
  const names = [...bare.matchAll(/(?<![\w:.])[a-zA-Z_:][\w:]*(?![\w:]|\s*\()/g)].map((m) => m[0]);
  return names.filter((name) => !/^(?:and|or|unless|bool|offset|inf|nan)$/i.test(name) && !/^\d/.test(name));
}

// Sample names each family contributes, from the TYPE lines of the text format.
function produced(registry: Registry): Set<string> {
  const names = new Set<string>();
  for (const line of registry.metrics().split('\n')) {
    const [hash, keyword, family, type] = line.split(' ');
    if (hash !== '#' || keyword !== 'TYPE' || !family) continue;
    names.add(family);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(family + suffix);
  }
  return names;
}

describe('dashboards/promkit.json', () => {
  const registry = new Registry();
  createHttpMetrics({ registry });
  createBreakerMetrics({ name: 'example', registry });
  const stop = createRuntimeMetrics({ registry });
  const available = produced(registry);
  stop();
  const exprs = expressions(dashboard);

  it('extracts metric names from PromQL, and only those', () => {
    expect(metricNames('histogram_quantile(0.9, sum by (le, route) (rate(a_bucket{job=~"$job", x="y{z}"}[$__rate_interval])))')).toEqual(['a_bucket']);
    expect(metricNames('sum(rate(a_total[5m])) / sum(b) > bool 0')).toEqual(['a_total', 'b']);
    expect(metricNames('label_values(http_requests_total{job=~"$job"}, instance)')).toEqual(['http_requests_total', 'instance']);
  });

  it('queries HTTP, breaker and Node runtime metrics', () => {
    const used = new Set(exprs.flatMap(metricNames));
    for (const name of ['http_requests_total', 'http_request_duration_seconds_bucket', 'http_requests_in_flight', 'circuit_breaker_state', 'process_cpu_seconds_total']) {
      expect(used).toContain(name);
    }
  });

  it('uses no metric name our packages do not produce', () => {
    // label_values(metric, label) names a label as its second argument.
    const used = exprs.flatMap((expr) => metricNames(expr.replace(/,\s*\w+\)$/, ')')));
    expect(used.filter((name) => !available.has(name))).toEqual([]);
  });
});
