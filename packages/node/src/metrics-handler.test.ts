import { createServer } from 'node:http';
import { Registry } from '@promkit/core';
import { expect, it, vi } from 'vitest';
import { listen } from '../../../test/adapters/suite';
import { metricsHandler } from './metrics-handler';

it('serves the scrape with its exact content type and no caching', async () => {
  const registry = new Registry();
  registry.counter({ name: 'jobs_total', help: 'Jobs.' }).inc();
  const server = await listen(createServer(metricsHandler({ registry })));
  try {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('# HELP jobs_total Jobs.\n# TYPE jobs_total counter\njobs_total 1\n');
  } finally {
    await server.close();
  }
});

it('answers a failing scrape with a 500 naming the problem, leaving no rejection behind', async () => {
  const registry = new Registry();
  vi.spyOn(registry, 'scrape').mockImplementation(() => {
    throw new Error('collector offline');
  });
  const unhandled = vi.fn();
  process.on('unhandledRejection', unhandled);
  const server = await listen(createServer(metricsHandler({ registry })));
  try {
    const response = await fetch(`${server.url}/metrics`);
    expect([response.status, await response.text()]).toEqual([500, 'scrape failed: collector offline\n']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).not.toHaveBeenCalled();
  } finally {
    process.off('unhandledRejection', unhandled);
    await server.close();
  }
});
