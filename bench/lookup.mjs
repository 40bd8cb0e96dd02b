// Recording, exposition and memory per series: promkit against prom-client 15,
// @prometheus-io/client 0.16, OpenTelemetry's sdk-metrics (with its Prometheus serializer) and
// the code-generation reference, every (case, library) pair in a fresh process, the libraries
// in alternating order over several rounds; medians, then ratios. Only ratios mean anything
// on a shared machine.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CONTENDERS } from './contenders.mjs';
import { CASES, MEMORY } from './lookup-cases.mjs';

const script = fileURLToPath(import.meta.url);
const now = () => Number(process.hrtime.bigint());
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeCase(caseName, contender) {
  const c = CASES[caseName];
  const run = c.make(CONTENDERS[contender]());
  const samples = [];
  for (let round = 0; round < 8; round++) {
    const start = now();
    await run(c.iterations);
    if (round >= 2) samples.push((now() - start) / c.iterations);
  }
  return median(samples);
}

const SERIES = 50_000;
function memoryPerSeries(kind, contender) {
  const labels = Array.from({ length: SERIES }, (_, i) => ({ method: ['GET', 'POST'][i & 1], route: `/route/${i}`, status: '200' }));
  const lib = CONTENDERS[contender]();
  const heap = () => {
    globalThis.gc();
    globalThis.gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const before = heap();
  const metric = MEMORY[kind](lib, labels);
  const after = heap();
  if (!metric || labels.length !== SERIES) throw new Error('unreachable: keeps both alive');
  return (after - before) / SERIES;
}

const child = (args, flags = []) => Number(execFileSync(process.execPath, [...flags, script, ...args], { encoding: 'utf8' }));

/** Runs every case for every library; returns rows of median ns/op (or bytes) per library. */
export function runLookupBenchmarks({ rounds = Number(process.env.BENCH_ROUNDS ?? 3), only } = {}) {
  const libraries = Object.keys(CONTENDERS);
  const rows = [];
  for (const caseName of Object.keys(CASES).filter((name) => !only || name.includes(only))) {
    const samples = Object.fromEntries(libraries.map((lib) => [lib, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...libraries].reverse() : libraries;
      for (const lib of order) {
        if (lib === 'reference' && CASES[caseName].reference === false) continue;
        samples[lib].push(child(['time', caseName, lib]));
      }
    }
    rows.push({ case: caseName, realistic: CASES[caseName].realistic, ns: Object.fromEntries(libraries.map((lib) => [lib, samples[lib].length ? median(samples[lib]) : undefined])) });
  }
  for (const kind of Object.keys(MEMORY).filter((name) => !only || name.includes(only))) {
    const bytes = Object.fromEntries(libraries.filter((lib) => lib !== 'reference').map((lib) => [lib, median(Array.from({ length: rounds }, () => child(['memory', kind, lib], ['--expose-gc'])))]));
    rows.push({ case: `memory per ${kind}`, bytes });
  }
  return rows;
}

const fmt = (ns) => (ns === undefined ? '—' : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(1)} ns`);

/** The README table: promkit's speed-up over each peer, and its share of the reference's speed. */
export function lookupTable(rows) {
  const peers = ['prom-client', '@prometheus-io/client', 'otel sdk-metrics'];
  const lines = [
    `| case | promkit | ${peers.map((p) => `vs ${p}`).join(' | ')} | promkit / reference |`,
    `|---|---:|${peers.map(() => '---:').join('|')}|---:|`,
  ];
  for (const row of rows) {
    if (row.ns) {
      const ours = row.ns.promkit;
      const ref = row.ns.reference;
      lines.push(`| ${row.case} | ${fmt(ours)} | ${peers.map((p) => `${(row.ns[p] / ours).toFixed(1)}x`).join(' | ')} | ${ref === undefined ? '—' : `${Math.round((100 * ref) / ours)} %`} |`);
    } else {
      lines.push(`| ${row.case} | ${row.bytes.promkit.toFixed(0)} B | ${peers.map((p) => `${row.bytes[p].toFixed(0)} B`).join(' | ')} | — |`);
    }
  }
  return lines.join('\n');
}

if (process.argv[2] === 'time') {
  process.stdout.write(String(await timeCase(process.argv[3], process.argv[4])));
} else if (process.argv[2] === 'memory') {
  process.stdout.write(String(memoryPerSeries(process.argv[3], process.argv[4])));
} else if (process.argv[1] === script) {
  console.log(lookupTable(runLookupBenchmarks({ only: process.argv[2] })));
}
