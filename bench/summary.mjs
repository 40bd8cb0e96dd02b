// Summaries: promkit's (log-bucket sketch, 1 % relative error) against prom-client 15's
// (t-digest), the same quantiles and window (0.5, 0.9, 0.99 over 600 s in 5 age buckets).
// Every (case, library) pair runs in a fresh process, the libraries in alternating order over
// several rounds; medians, then ratios. Only ratios mean anything on a shared machine.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { formatNs, timePerOperation } from './harness.mjs';

const require = createRequire(import.meta.url);
const script = fileURLToPath(import.meta.url);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const QUANTILES = [0.5, 0.9, 0.99];
const WINDOW = { maxAgeSeconds: 600, ageBuckets: 5 };
const NAMES = ['method', 'route', 'status'];

const LIBRARIES = {
  promkit() {
    const { Registry } = require('@promkit/core');
    const registry = new Registry({ maxSeries: 1_000_000 });
    let n = 0;
    return {
      summary: () => registry.summary({ name: `s${n++}_seconds`, help: 'h', labelNames: NAMES, quantiles: QUANTILES, ...WINDOW }),
      render: () => registry.metrics(),
    };
  },
  'prom-client'() {
    const client = require('prom-client');
    const registry = new client.Registry();
    let n = 0;
    return {
      summary: () => new client.Summary({ name: `s${n++}_seconds`, help: 'h', labelNames: NAMES, percentiles: QUANTILES, ...WINDOW, registers: [registry] }),
      render: () => registry.metrics(),
    };
  },
};

// Latency-like values (log-normal around 50 ms) from a seeded generator, the same for both.
const VALUES = (() => {
  let seed = 42;
  const next = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  return Array.from({ length: 4096 }, () => Math.exp(Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next()) - 3));
})();
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const ROUTES = Array.from({ length: 24 }, (_, i) => `/api/v1/resource${i}/:id`);
const CODES = ['200', '201', '204', '400', '404', '500'];
// 4 x 24 x 6 = 576 series, visited in a scattered order, label objects made per call (as
// bench/lookup-cases.mjs does).
const labelsAt = (i) => {
  const k = (i * 7919) % 576;
  return { method: METHODS[k & 3], route: ROUTES[(k >> 2) % 24], status: CODES[k % 6] };
};

const CASES = {
  'observe, 576 series': {
    iterations: 100_000,
    make: (lib) => {
      const s = lib.summary();
      return (n) => {
        for (let i = 0; i < n; i++) s.observe(labelsAt(i), VALUES[i & 4095]);
      };
    },
  },
  'observe, bound child': {
    iterations: 200_000,
    make: (lib) => {
      const child = lib.summary().labels(labelsAt(0));
      return (n) => {
        for (let i = 0; i < n; i++) child.observe(VALUES[i & 4095]);
      };
    },
  },
  'scrape, 576 series of 200 observations': {
    iterations: 1,
    make: (lib) => {
      const s = lib.summary();
      for (let i = 0; i < 576 * 200; i++) s.observe(labelsAt(i), VALUES[i & 4095]);
      return async (n) => {
        for (let i = 0; i < n; i++) await lib.render();
      };
    },
  },
};

async function timeCase(caseName, library) {
  const c = CASES[caseName];
  return timePerOperation(c.make(LIBRARIES[library]()), c.iterations);
}

// Heap per series holding `observations` observations each, 2,000 series.
function memoryPerSeries(library, observations) {
  const series = 2000;
  const heap = () => {
    globalThis.gc();
    globalThis.gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const lib = LIBRARIES[library]();
  const labels = Array.from({ length: series }, (_, i) => ({ method: 'GET', route: `/route/${i}`, status: '200' }));
  const before = heap();
  const s = lib.summary();
  for (let k = 0; k < observations; k++) for (let i = 0; i < series; i++) s.observe(labels[i], VALUES[(k * series + i) & 4095]);
  const after = heap();
  if (!s || labels.length !== series) throw new Error('unreachable: keeps both alive');
  return (after - before) / series;
}

const child = (args, flags = []) => Number(execFileSync(process.execPath, [...flags, script, ...args], { encoding: 'utf8' }));

/** Runs every case for both libraries; rows of medians (ns per operation, or bytes per series). */
export function runSummaryBenchmark({ rounds = Number(process.env.BENCH_ROUNDS ?? 3) } = {}) {
  const libraries = Object.keys(LIBRARIES);
  const rows = [];
  const measure = (name, args, flags) => {
    const samples = Object.fromEntries(libraries.map((lib) => [lib, []]));
    for (let round = 0; round < rounds; round++) {
      for (const lib of round % 2 ? [...libraries].reverse() : libraries) samples[lib].push(child([...args, lib], flags));
    }
    return { case: name, ...Object.fromEntries(libraries.map((lib) => [lib, median(samples[lib])])) };
  };
  for (const name of Object.keys(CASES)) rows.push({ ...measure(name, ['time', name]), unit: 'ns' });
  for (const observations of [1, 100]) rows.push({ ...measure(`memory per series, ${observations} observations each`, ['memory', String(observations)], ['--expose-gc']), unit: 'B' });
  return rows;
}

const fmt = (value, unit) => (unit === 'B' ? `${value.toFixed(0)} B` : formatNs(value));

/** The table: both libraries and prom-client's cost as a multiple of promkit's. */
export function summaryTable(rows) {
  const lines = ['| summary (0.5, 0.9, 0.99; 600 s, 5 age buckets) | promkit | prom-client | prom-client / promkit |', '|---|---:|---:|---:|'];
  for (const row of rows) lines.push(`| ${row.case} | ${fmt(row.promkit, row.unit)} | ${fmt(row['prom-client'], row.unit)} | ${(row['prom-client'] / row.promkit).toFixed(1)}x |`);
  return lines.join('\n');
}

if (process.argv[2] === 'time') {
  process.stdout.write(String(await timeCase(process.argv[3], process.argv[4])));
} else if (process.argv[2] === 'memory') {
  process.stdout.write(String(memoryPerSeries(process.argv[4], Number(process.argv[3]))));
} else if (process.argv[1] === script) {
  console.log(summaryTable(runSummaryBenchmark()));
}
