import { Registry } from '@promkit/core';
import client from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
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

const value = (text: string, sample: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `) || l.startsWith(`${sample}{`));
  return Number(line?.split(' ').pop());
};

const gcCount = (text: string): number =>
  text
    .split('\n')
    .filter((l) => l.startsWith('nodejs_gc_duration_seconds_count'))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);

// Short-lived garbage: enough for V8 to run several young-generation collections.
const churn = (): void => {
  for (let i = 0; i < 50; i++) new Array(100_000).fill({ i });
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Scrapes every 30 ms (longer than the 10 ms event loop resolution, so a sample can land in between) until `done` holds for the exposition, failing after `deadlineMs`.
async function scrapeUntil(registry: Registry, done: (text: string) => boolean, deadlineMs = 3000): Promise<string> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    const text = registry.metrics();
    if (done(text)) return text;
    if (performance.now() > deadline) throw new Error(`scrapeUntil: condition not met within ${deadlineMs} ms; last scrape:\n${text}`);
    await sleep(30);
  }
}

// GC entries reach observers asynchronously: churn until `registry` shows one more collection.
const awaitGc = async (registry: Registry, before: number): Promise<number> => {
  for (let i = 0; i < 40 && gcCount(registry.metrics()) <= before; i++) {
    churn();
    await sleep(25);
  }
  return gcCount(registry.metrics());
};

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
    // Let both GC observers see a collection so the histogram families have samples.
    for (let i = 0; i < 20; i++) new Array(100_000).fill({ i });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ours = registry.metrics();
    const reference = await theirs.metrics();
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
    const until = performance.now() + 60;
    while (performance.now() < until);
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

  it('summarises event loop delay since the last scrape, with zeros rather than 2^63 ns when nothing was sampled', async () => {
    const registry = new Registry();
    stops.push(createRuntimeMetrics({ registry, eventLoopMonitoringPrecision: 10 }));
    registry.metrics();
    // Scraped again at once: the histogram has had no time to sample.
    const empty = registry.metrics();
    for (const stat of ['min', 'max', 'mean', 'p99']) expect(value(empty, `nodejs_eventloop_lag_${stat}_seconds`), stat).toBe(0);
    await sleep(60);
    const text = registry.metrics();
    const [min, max, p50] = ['min', 'max', 'p50'].map((stat) => value(text, `nodejs_eventloop_lag_${stat}_seconds`));
    // Each sample is about one resolution step (10 ms; the timer may fire a little early) plus the delay.
    expect(min).toBeGreaterThan(0.005);
    expect(p50).toBeGreaterThanOrEqual(min as number);
    expect(max).toBeGreaterThanOrEqual(p50 as number);
    expect(max).toBeLessThan(5);
    expect(value(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('keeps every event loop gauge moving when nodejs_eventloop_lag_min_seconds is removed', async () => {
    const registry = new Registry();
    stops.push(createRuntimeMetrics({ registry, eventLoopMonitoringPrecision: 10 }));
    expect(registry.remove('nodejs_eventloop_lag_min_seconds')).toBe(true);
    const text = await scrapeUntil(registry, (t) => value(t, 'nodejs_eventloop_lag_max_seconds') > 0);
    for (const stat of ['mean', 'p50', 'p90', 'p99']) expect(value(text, `nodejs_eventloop_lag_${stat}_seconds`), stat).toBeGreaterThan(0);
    expect(text).not.toContain('nodejs_eventloop_lag_min_seconds');
  });

  it('stops its monitors, and starts them again on the next call', async () => {
    const registry = new Registry();
    const stop = createRuntimeMetrics({ registry });
    stops.push(stop);
    stop();
    stop(); // a second stop is harmless
    const stopped = gcCount(registry.metrics());
    churn();
    await sleep(60);
    const text = registry.metrics();
    expect(gcCount(text)).toBe(stopped);
    expect(value(text, 'nodejs_eventloop_lag_max_seconds')).toBe(0);

    expect(createRuntimeMetrics({ registry })).toBe(stop);
    expect(await awaitGc(registry, stopped)).toBeGreaterThan(stopped);
    await sleep(30); // at least one 10 ms sample since awaitGc's last scrape
    expect(value(registry.metrics(), 'nodejs_eventloop_lag_min_seconds')).toBeGreaterThan(0);
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
