import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from '@promkit/core';
import client from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scrapeUntil, sleep, value } from '../test/scrape-until';
import { createRuntimeMetrics } from './runtime-metrics';

// `# HELP` and `# TYPE` lines: what a dashboard depends on besides the label names.
const metadata = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('# HELP') || line.startsWith('# TYPE'))
    .sort();

const labelNames = (text: string, family: string): string[] => {
  const line = text.split('\n').find((l) => l.startsWith(`${family}{`));
  return line ? [...line.matchAll(/(\w+)="/g)].map((m) => m[1] as string) : [];
};

const gcCount = (text: string): number =>
  text
    .split('\n')
    .filter((l) => l.startsWith('nodejs_gc_duration_seconds_count'))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);

// A full collection on demand, without restarting the test worker with --expose-gc.
setFlagsFromString('--expose-gc');
const forceGc = runInNewContext('gc') as () => void;

// GC entries reach observers asynchronously: collect until `registry` shows one more collection.
const awaitGc = async (registry: Registry, before: number): Promise<number> => {
  forceGc();
  await scrapeUntil(registry, (text) => {
    if (gcCount(text) > before) return true;
    forceGc();
    return false;
  });
  return gcCount(registry.metrics());
};

// Resolves once V8 has reported a collection to any observer: what ours would have seen too.
const gcReported = (): Promise<void> =>
  new Promise((resolve) => {
    const observer = new PerformanceObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe({ entryTypes: ['gc'] });
    forceGc();
  });

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('createRuntimeMetrics', () => {
  it("exposes prom-client's default metrics with the same names, types and help texts", async () => {
    const registry = new Registry();
    stops.push(createRuntimeMetrics({ registry }));
    const theirs = new client.Registry();
    client.collectDefaultMetrics({ register: theirs });
    // Both GC observers must have seen a collection, or the histogram comparison is vacuous.
    await awaitGc(registry, 0);
    let reference = await theirs.metrics();
    for (const deadline = performance.now() + 3000; !reference.includes('nodejs_gc_duration_seconds_bucket{'); reference = await theirs.metrics()) {
      if (performance.now() > deadline) throw new Error('prom-client saw no garbage collection within 3 s');
      forceGc();
      await sleep(20);
    }
    const ours = registry.metrics();
    expect(metadata(ours)).toEqual(metadata(reference));
    for (const family of ['nodejs_version_info', 'nodejs_heap_space_size_used_bytes', 'nodejs_active_handles', 'nodejs_gc_duration_seconds_bucket']) {
      expect(labelNames(ours, family).sort(), family).toEqual(labelNames(reference, family).sort());
    }
    theirs.clear();
  });

  it('reads sane values at scrape time', () => {
    const registry = new Registry();
    stops.push(createRuntimeMetrics({ registry }));
    const text = registry.metrics();
    const now = Date.now() / 1000;
    expect(value(text, 'process_start_time_seconds')).toBeGreaterThan(now - process.uptime() - 2);
    // Rounded to whole seconds, as prom-client does.
    expect(value(text, 'process_start_time_seconds')).toBeLessThanOrEqual(now + 0.5);
    expect(value(text, 'process_resident_memory_bytes')).toBeGreaterThan(1e6);
    expect(value(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(1e5);
    expect(value(text, 'process_open_fds')).toBeGreaterThan(2);
    const [major, minor, patch] = process.versions.node.split('.');
    expect(text).toContain(`nodejs_version_info{version="${process.version}",major="${major}",minor="${minor}",patch="${patch}"} 1\n`);
  });

  it('reports the CPU the process has used, growing as it burns more', () => {
    const registry = new Registry();
    stops.push(createRuntimeMetrics({ registry }));
    const before = value(registry.metrics(), 'process_cpu_seconds_total');
    const { user, system } = process.cpuUsage();
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThanOrEqual((user + system) / 1e6);
    // Burn 50 ms of CPU time (not wall time: the machine is shared).
    const burnt = (user + system) / 1e6 + 0.05;
    while (process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 < burnt);
    expect(value(registry.metrics(), 'process_cpu_seconds_total')).toBeGreaterThan(before + 0.03);
  });

  it('adds a prefix and static labels, and can be called twice', () => {
    const registry = new Registry();
    const stop = createRuntimeMetrics({ registry, prefix: 'app_', labels: { pod: 'web-1' } });
    stops.push(stop);
    expect(createRuntimeMetrics({ registry, prefix: 'app_', labels: { pod: 'web-1' } })).toBe(stop);
    const text = registry.metrics();
    expect(text).toMatch(/^app_process_resident_memory_bytes\{pod="web-1"\} \d+$/m);
    expect(text).toMatch(/^app_nodejs_heap_space_size_used_bytes\{space="old",pod="web-1"\} \d+$/m);
  });

  it('times garbage collections by kind', async () => {
    const registry = new Registry();
    stops.push(createRuntimeMetrics({ registry }));
    expect(await awaitGc(registry, 0)).toBeGreaterThan(0);
    const text = registry.metrics();
    expect(text).toMatch(/^nodejs_gc_duration_seconds_bucket\{kind="(major|minor|incremental|weakcb)",le="0\.001"\} \d+$/m);
    expect(text).toMatch(/^nodejs_gc_duration_seconds_bucket\{kind="\w+",le="5\.0"\} \d+$/m);
  });

  it("reports a reading that throws to onInternalError, keeps that metric's last value and serves the rest", () => {
    const registry = new Registry();
    const errors: unknown[] = [];
    stops.push(createRuntimeMetrics({ registry, onInternalError: (e) => errors.push(e) }));
    const before = value(registry.metrics(), 'nodejs_active_resources_total');
    expect(before).toBeGreaterThan(0);
    const failure = new Error('getActiveResourcesInfo is gone');
    const spy = vi.spyOn(process, 'getActiveResourcesInfo').mockImplementation(() => {
      throw failure;
    });
    try {
      const text = registry.metrics();
      expect(value(text, 'nodejs_active_resources_total')).toBe(before);
      expect(value(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
      expect(errors).toEqual([failure, failure]);
    } finally {
      spy.mockRestore();
    }
  });

  it('stops its monitors, and starts them again on the next call', async () => {
    const registry = new Registry();
    const stop = createRuntimeMetrics({ registry });
    stops.push(stop);
    stop();
    stop(); // a second stop is harmless
    const stopped = gcCount(registry.metrics());
    await gcReported();
    const text = registry.metrics();
    expect(gcCount(text)).toBe(stopped);
    expect(value(text, 'nodejs_eventloop_lag_max_seconds')).toBe(0);

    expect(createRuntimeMetrics({ registry })).toBe(stop);
    expect(await awaitGc(registry, stopped)).toBeGreaterThan(stopped);
    await scrapeUntil(registry, (t) => value(t, 'nodejs_eventloop_lag_min_seconds') > 0);
  });

  it('registers the metrics again after registry.clear(), still reading the running monitors', async () => {
    const registry = new Registry();
    const stop = createRuntimeMetrics({ registry });
    stops.push(stop);
    const families = metadata(registry.metrics());
    registry.clear();
    expect(registry.metrics()).toBe('');
    expect(createRuntimeMetrics({ registry })).toBe(stop);
    expect(metadata(registry.metrics())).toEqual(families);
    expect(await awaitGc(registry, 0)).toBeGreaterThan(0);
  });
});
