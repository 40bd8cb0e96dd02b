// Native histograms: `observe` time and memory per series of a promkit histogram with native
// buckets (schema 3, with and without the default classic buckets) against our classic
// histogram and prom-client's, each (case, contender) in a fresh process, the contenders in
// alternating order over several rounds; medians, then ratios. Only ratios mean anything on a
// shared machine.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const script = fileURLToPath(import.meta.url);
const now = () => Number(process.hrtime.bigint());
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Latencies log-uniform from 1 ms to 10 s: 106 native buckets at schema 3.
const VALUES = Array.from({ length: 4096 }, (_, i) => 10 ** (-3 + 4 * ((i * 0.6180339887498949) % 1)));

const promkit = (kind) => () => {
  const { Registry } = require('@promkit/core');
  const { nativeBuckets } = require('@promkit/protobuf');
  const registry = new Registry({ maxSeries: 1_000_000 });
  const native = kind === 'classic' ? {} : { native: nativeBuckets({ schema: 3 }), ...(kind === 'native' ? {} : { buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] }) };
  return (labelNames) => registry.histogram({ name: 'rpc_duration_seconds', help: 'h', labelNames, ...native });
};
const CONTENDERS = {
  'promkit native': promkit('native'),
  'promkit native + classic': promkit('both'),
  'promkit classic': promkit('classic'),
  'prom-client classic': () => {
    const client = require('prom-client');
    const registry = new client.Registry();
    return (labelNames) => new client.Histogram({ name: 'rpc_duration_seconds', help: 'h', labelNames, registers: [registry] });
  },
};

// One unlabelled series, observing the latencies in turn.
function timeObserve(contender) {
  const histogram = CONTENDERS[contender]()([]);
  const samples = [];
  for (let round = 0; round < 10; round++) {
    const start = now();
    for (let i = 0; i < 1_000_000; i++) histogram.observe(VALUES[i & 4095]);
    if (round >= 2) samples.push((now() - start) / 1_000_000);
  }
  return median(samples);
}

// 10,000 series of one label, each with 200 observations spread like the latencies.
const SERIES = 10_000;
function memoryPerSeries(contender) {
  const heap = () => {
    globalThis.gc();
    globalThis.gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const make = CONTENDERS[contender]();
  const before = heap();
  const histogram = make(['id']);
  for (let s = 0; s < SERIES; s++) {
    const child = histogram.labels({ id: String(s) });
    for (let i = 0; i < 200; i++) child.observe(VALUES[(s * 200 + i) & 4095]);
  }
  const after = heap();
  if (!histogram) throw new Error('unreachable: keeps it alive');
  return (after - before) / SERIES;
}

const child = (args, flags = []) => Number(execFileSync(process.execPath, [...flags, script, ...args], { encoding: 'utf8' }));

/** Median ns per observe and bytes per series of each contender. */
export function runNativeBenchmark({ rounds = Number(process.env.BENCH_ROUNDS ?? 3) } = {}) {
  const names = Object.keys(CONTENDERS);
  const samples = Object.fromEntries(names.map((name) => [name, { ns: [], bytes: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      samples[name].ns.push(child(['time', name]));
      samples[name].bytes.push(child(['memory', name], ['--expose-gc']));
    }
  }
  return Object.fromEntries(names.map((name) => [name, { ns: median(samples[name].ns), bytes: median(samples[name].bytes) }]));
}

/** The table: each contender's observe time and memory per series, and their ratios to promkit native. */
export function nativeTable(results) {
  const base = results['promkit native'];
  const lines = ['| histogram | observe | ratio to native | memory per series (200 obs.) | ratio to native |', '|---|---:|---:|---:|---:|'];
  for (const [name, { ns, bytes }] of Object.entries(results)) {
    lines.push(`| ${name} | ${ns.toFixed(1)} ns | ${(ns / base.ns).toFixed(2)}x | ${bytes.toFixed(0)} B | ${(bytes / base.bytes).toFixed(2)}x |`);
  }
  return lines.join('\n');
}

if (process.argv[2] === 'time') process.stdout.write(String(timeObserve(process.argv[3])));
else if (process.argv[2] === 'memory') process.stdout.write(String(memoryPerSeries(process.argv[3])));
else if (process.argv[1] === script) console.log(nativeTable(runNativeBenchmark()));
