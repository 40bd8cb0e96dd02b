// promkit core vs prom-client 15, same process, same run. Label objects are created fresh on
// every call, as request-handling code does. Run with `pnpm bench` (builds first).
import client from 'prom-client';
import { Registry } from '@promkit/core';
import { compare, formatNs } from './harness.mjs';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const ROUTES = ['/users', '/users/:id', '/orders', '/orders/:id', '/items', '/items/:id', '/health', '/login'];
const STATUSES = ['200', '404', '500'];
const labelsAt = (i) => ({ method: METHODS[i & 3], route: ROUTES[i & 7], status: STATUSES[i % 3] });

function labeledCounters() {
  const ours = new Registry().counter({ name: 'req_total', help: 'h', labelNames: ['method', 'route', 'status'] });
  const theirs = new client.Counter({ name: 'req_total', help: 'h', labelNames: ['method', 'route', 'status'], registers: [] });
  return {
    promkit: (n) => { for (let i = 0; i < n; i++) ours.inc(labelsAt(i)); },
    'prom-client': (n) => { for (let i = 0; i < n; i++) theirs.inc(labelsAt(i)); },
  };
}

function childCounters() {
  const ours = new Registry().counter({ name: 'req_total', help: 'h', labelNames: ['method', 'route', 'status'] }).labels(labelsAt(1));
  const theirs = new client.Counter({ name: 'req_total', help: 'h', labelNames: ['method', 'route', 'status'], registers: [] }).labels(labelsAt(1));
  return {
    promkit: (n) => { for (let i = 0; i < n; i++) ours.inc(); },
    'prom-client': (n) => { for (let i = 0; i < n; i++) theirs.inc(); },
  };
}

function labeledHistograms() {
  const ours = new Registry().histogram({ name: 'req_seconds', help: 'h', labelNames: ['method', 'route', 'status'] });
  const theirs = new client.Histogram({ name: 'req_seconds', help: 'h', labelNames: ['method', 'route', 'status'], registers: [] });
  return {
    promkit: (n) => { for (let i = 0; i < n; i++) ours.observe(labelsAt(i), (i % 1000) / 997); },
    'prom-client': (n) => { for (let i = 0; i < n; i++) theirs.observe(labelsAt(i), (i % 1000) / 997); },
  };
}

async function exposition() {
  const ourRegistry = new Registry();
  const theirRegistry = new client.Registry();
  const names = { labelNames: ['method', 'route', 'status'], help: 'h' };
  const ourCounter = ourRegistry.counter({ name: 'req_total', ...names });
  const ourHistogram = ourRegistry.histogram({ name: 'req_seconds', ...names });
  const theirCounter = new client.Counter({ name: 'req_total', ...names, registers: [theirRegistry] });
  const theirHistogram = new client.Histogram({ name: 'req_seconds', ...names, registers: [theirRegistry] });
  for (let i = 0; i < 1000; i++) {
    const labels = { method: METHODS[i & 3], route: `/route/${i}`, status: STATUSES[i % 3] };
    ourCounter.inc(labels, i);
    theirCounter.inc(labels, i);
    ourHistogram.observe(labels, i / 100);
    theirHistogram.observe(labels, i / 100);
  }
  const sampleCount = (text) => text.split('\n').filter((line) => line && !line.startsWith('#')).length;
  if (sampleCount(ourRegistry.metrics()) !== sampleCount(await theirRegistry.metrics())) {
    throw new Error('the two expositions differ in sample count: the comparison would be unfair');
  }
  return {
    promkit: (n) => { for (let i = 0; i < n; i++) ourRegistry.metrics(); },
    'prom-client': async (n) => { for (let i = 0; i < n; i++) await theirRegistry.metrics(); },
  };
}

export const cases = [
  { name: 'counter.inc(labels) — 3 labels, fresh object', target: 10, make: labeledCounters, iterations: 200_000 },
  { name: 'child.inc() — bound child', target: 50, make: childCounters, iterations: 2_000_000 },
  { name: 'histogram.observe(labels, v) — 3 labels', target: 10, make: labeledHistograms, iterations: 200_000 },
  { name: 'registry.metrics() — 1,000 counter + 1,000 histogram series', target: 5, make: exposition, iterations: 20, rounds: 9 },
];

export async function runCoreBenchmarks() {
  const rows = [];
  for (const c of cases) {
    const result = await compare(await c.make(), { iterations: c.iterations, rounds: c.rounds });
    const ratio = result['prom-client'] / result.promkit;
    rows.push({ case: c.name, promkit: formatNs(result.promkit), 'prom-client': formatNs(result['prom-client']), ratio, target: c.target });
  }
  return rows;
}
