// Recording with an exemplar on every update: promkit against prom-client 15 and
// @prometheus-io/client 0.16, the libraries with an exemplar API (OpenTelemetry's sdk-metrics
// takes exemplars from the active span, not from the call). Each (case, library) pair runs in a
// fresh process, the libraries in alternating order over several rounds; medians, then ratios.
// A trace id made per call, as a request handler gets one; 8 label combinations, as the toy cases.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const script = fileURLToPath(import.meta.url);
const now = () => Number(process.hrtime.bigint());
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const ROUTES = ['/users', '/users/:id', '/orders', '/orders/:id', '/items', '/items/:id', '/health', '/login'];
const labelsAt = (i) => ({ method: METHODS[i & 3], route: ROUTES[i & 7] });
const traceIds = Array.from({ length: 1024 }, (_, i) => (i * 2654435761).toString(16).padStart(32, '0'));

// Each library's `inc` and `observe` with an exemplar of one label, `trace_id`.
const LIBRARIES = {
  promkit() {
    const { Registry } = require('@promkit/core');
    const registry = new Registry();
    const counter = registry.counter({ name: 'c_total', help: 'h', labelNames: ['method', 'route'] });
    const histogram = registry.histogram({ name: 'h_seconds', help: 'h', labelNames: ['method', 'route'] });
    return {
      inc: (labels, traceId) => counter.inc(labels, 1, { labels: { trace_id: traceId } }),
      observe: (labels, value, traceId) => histogram.observe(labels, value, { labels: { trace_id: traceId } }),
    };
  },
  ...Object.fromEntries(
    ['prom-client', '@prometheus-io/client'].map((module) => [
      module,
      () => {
        const client = require(module);
        // prom-client keeps exemplars only on metrics of an OpenMetrics registry.
        const registers = [new client.Registry(client.Registry.OPENMETRICS_CONTENT_TYPE)];
        const config = { help: 'h', labelNames: ['method', 'route'], registers, enableExemplars: true };
        const counter = new client.Counter({ name: 'c_total', ...config });
        const histogram = new client.Histogram({ name: 'h_seconds', ...config });
        return {
          inc: (labels, traceId) => counter.inc({ labels, value: 1, exemplarLabels: { trace_id: traceId } }),
          observe: (labels, value, traceId) => histogram.observe({ labels, value, exemplarLabels: { trace_id: traceId } }),
        };
      },
    ]),
  ),
};

const CASES = {
  'inc with an exemplar, 8 combinations': (lib) => (n) => {
    for (let i = 0; i < n; i++) lib.inc(labelsAt(i), `${traceIds[i & 1023]}`);
  },
  'observe with an exemplar, 8 combinations': (lib) => (n) => {
    for (let i = 0; i < n; i++) lib.observe(labelsAt(i), (i % 1000) / 997, `${traceIds[i & 1023]}`);
  },
};

function timeCase(caseName, library) {
  const run = CASES[caseName](LIBRARIES[library]());
  const iterations = 100_000;
  const samples = [];
  for (let round = 0; round < 8; round++) {
    const start = now();
    run(iterations);
    if (round >= 2) samples.push((now() - start) / iterations);
  }
  return median(samples);
}

/** Median ns per update for every case and library, each measured in its own process. */
export function runExemplarBenchmark({ rounds = Number(process.env.BENCH_ROUNDS ?? 3) } = {}) {
  const libraries = Object.keys(LIBRARIES);
  return Object.keys(CASES).map((caseName) => {
    const samples = Object.fromEntries(libraries.map((lib) => [lib, []]));
    for (let round = 0; round < rounds; round++) {
      for (const lib of round % 2 ? [...libraries].reverse() : libraries) {
        samples[lib].push(Number(execFileSync(process.execPath, [script, caseName, lib], { encoding: 'utf8' })));
      }
    }
    return { case: caseName, ns: Object.fromEntries(libraries.map((lib) => [lib, median(samples[lib])])) };
  });
}

/** The README table: promkit's time per update and its speed-up over each peer. */
export function exemplarTable(rows) {
  const peers = ['prom-client', '@prometheus-io/client'];
  return [
    `| case | promkit | ${peers.map((p) => `vs ${p}`).join(' | ')} |`,
    `|---|---:|${peers.map(() => '---:').join('|')}|`,
    ...rows.map((row) => `| ${row.case} | ${row.ns.promkit.toFixed(1)} ns | ${peers.map((p) => `${(row.ns[p] / row.ns.promkit).toFixed(1)}x`).join(' | ')} |`),
  ].join('\n');
}

if (process.argv[1] === script) {
  if (process.argv[2] in CASES) process.stdout.write(String(timeCase(process.argv[2], process.argv[3])));
  else console.log(exemplarTable(runExemplarBenchmark()));
}
