import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Registry } from './registry';

// Every exposition the API can produce must be read by Python's prometheus_client parsers
// (text 0.0.4 and OpenMetrics). One python3 process checks every sample of the run.
const PYTHON = `
import json, sys
from prometheus_client.parser import text_string_to_metric_families as text
from prometheus_client.openmetrics.parser import text_string_to_metric_families as om
failures = []
for i, case in enumerate(json.load(sys.stdin)):
    try:
        list((om if case["om"] else text)(case["text"]))
    except Exception as error:
        failures.append({"case": i, "error": repr(error), "text": case["text"]})
print(json.dumps(failures))
`;

// Any UTF-16 code units, lone surrogates included, plus the characters that need escaping.
const anyText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  fc.constantFrom('"', '\\', '\n', '\\n', '\uD800', '\uDC00', '\uFFFD', 'a"b\\c\nd'),
);
const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, 1e308, 5e-324, 1e-7, 2 ** 53, Infinity, -Infinity, Number.NaN));
const name = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,6}$/);
const labelNames = fc.uniqueArray(fc.constantFrom('a', 'b', 'service', 'metric'), { maxLength: 3 });
const quantiles = fc.constantFrom(undefined, [0.5], [0, 0.25, 0.5, 0.9, 0.99, 1]);
const metric = fc.record({ type: fc.constantFrom('counter', 'gauge', 'histogram', 'summary'), name, help: anyText, labelNames, quantiles });
// Exemplars: any label values, sometimes past 128 code points, any value and time (refused ones
// are skipped). No `"` in their label values: prometheus_client 0.26's OpenMetrics parser flips
// its in-quotes state on an escaped `\"` after the sample value and then refuses the line;
// Prometheus reads it (test/integration/exemplars.test.ts).
const exemplar = fc.record(
  {
    labels: fc.dictionary(
      fc.constantFrom('trace_id', 'span_id', 'a'),
      fc.oneof(anyText, fc.constant('x'.repeat(64))).map((text) => text.replaceAll('"', "'")),
      { maxKeys: 2 },
    ),
    value,
    timestamp: fc.oneof(fc.integer({ min: 0, max: 4e12 }), fc.double()),
  },
  { requiredKeys: ['labels'] },
);
const op = fc.record({
  metric: fc.nat(),
  action: fc.constantFrom('inc', 'dec', 'set', 'observe', 'bound', 'reset', 'remove'),
  // Mostly a label set that fits the metric; sometimes any label object.
  values: fc.option(fc.array(anyText, { minLength: 3, maxLength: 3 }), { freq: 4, nil: undefined }),
  labels: fc.dictionary(fc.constantFrom('a', 'b', 'service', 'metric'), anyText),
  value,
  exemplar: fc.option(exemplar, { freq: 2, nil: undefined }),
});
const program = fc.record({
  created: fc.boolean(),
  defaults: fc.dictionary(fc.constantFrom('service', 'region', 'metric'), anyText),
  maxSeries: fc.integer({ min: 1, max: 3 }),
  metrics: fc.array(metric, { minLength: 1, maxLength: 4 }),
  ops: fc.array(op, { maxLength: 20 }),
});

type Program = typeof program extends fc.Arbitrary<infer P> ? P : never;

// Runs a program through the public API; whatever the API refuses is skipped.
function expositions({ created, defaults, maxSeries, metrics, ops }: Program): string[] {
  const attempt = (f: () => unknown): unknown => {
    try {
      return f();
    } catch {
      return undefined;
    }
  };
  const registry = new Registry({ created, labels: defaults, maxSeries });
  const make = registry as never as Record<string, (config: unknown) => unknown>;
  const made = metrics.map((m) => attempt(() => make[m.type]!.call(registry, m))).filter(Boolean);
  for (const { metric: i, action, values, labels: any, value, exemplar: e } of ops) {
    const target = made[i % Math.max(made.length, 1)] as Record<string, (...args: unknown[]) => unknown> | undefined;
    if (!target) continue;
    const names = (target as unknown as { labelNames: string[] }).labelNames;
    const labels = values ? Object.fromEntries(names.map((label, j) => [label, values[j]])) : any;
    const child = (): Record<string, (v: number, e: unknown) => void> => target.labels!(labels) as never;
    if (action === 'bound') attempt(() => child().inc?.(value, e));
    else if (action === 'reset') target.reset!();
    else if (action === 'observe') attempt(() => (e ? child().observe!(value, e) : target.observe!(labels, value)));
    else attempt(() => target[action]?.(labels, value, e));
  }
  return [registry.metrics(), registry.metrics('openmetrics')];
}

// Python's prometheus_client is installed by the test global setup (test/setup/python-client.ts).
describe('exposition accepted by prometheus_client', () => {
  it('renders, for any sequence of API calls, text and OpenMetrics that both Python parsers accept (property)', () => {
    const cases = fc.sample(program, { seed: 20261129, numRuns: 300 }).flatMap((p) => {
      const [text, om] = expositions(p);
      return [{ text, om: false }, { text: om, om: true }];
    });
    // The programs reach exemplars on counters and on histogram buckets.
    expect(cases.some(({ text, om }) => om && /_total(\{.*\})? \S+ # \{/.test(text ?? ''))).toBe(true);
    expect(cases.some(({ text, om }) => om && /_bucket\{.*\} \d+ # \{/.test(text ?? ''))).toBe(true);
    const run = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).slice(0, 3)).toEqual([]);
  }, 60_000);
});

// promtool (Debian's prometheus) is installed by the integration project's global setup and CI.
describe('exposition accepted by promtool check metrics', () => {
  it('parses, for random API calls, in both formats (exit 0, or 3 for lint only) (property)', () => {
    for (const p of fc.sample(program, { seed: 20261130, numRuns: 12 })) {
      // promtool 2.42 reads OpenMetrics with its 0.0.4 parser, which refuses the `\"` that
      // OpenMetrics HELP requires (see escapeHelp), and exemplars: such texts are checked by
      // the Python parsers (and exemplars by Prometheus itself, test/integration/exemplars.test.ts).
      for (const text of expositions(p).filter((t) => !/^# HELP .*\\"/m.test(t) && !/ # \{/.test(t))) {
        const run = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
        expect(run.status === 0 || run.status === 3 ? '' : `${run.stderr}\n${text}`).toBe('');
      }
    }
  }, 60_000);
});
