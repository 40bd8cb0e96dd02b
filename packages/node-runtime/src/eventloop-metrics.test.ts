import { Registry } from '@promkit/core';
import { afterEach, expect, it } from 'vitest';
import { scrapeUntil, value } from '../test/scrape-until';
import { createRuntimeMetrics } from './runtime-metrics';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

it('summarises event loop delay since the last scrape, with zeros rather than 2^63 ns when nothing was sampled', async () => {
  const registry = new Registry();
  stops.push(createRuntimeMetrics({ registry, eventLoopMonitoringPrecision: 10 }));
  registry.metrics();
  // Scraped again at once: the histogram has had no time to sample.
  const empty = registry.metrics();
  for (const stat of ['min', 'max', 'mean', 'p99']) expect(value(empty, `nodejs_eventloop_lag_${stat}_seconds`), stat).toBe(0);
  const text = await scrapeUntil(registry, (t) => value(t, 'nodejs_eventloop_lag_max_seconds') > 0);
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
