import { Registry } from '@promkit/core';
import { describe, expect, it } from 'vitest';
import { createHttpMetrics } from './http-metrics';

// The route labels http_requests_total got, in order.
const routes = (registry: Registry): string[] =>
  registry
    .metrics()
    .split('\n')
    .filter((line) => line.startsWith('http_requests_total{'))
    .map((line) => /route="([^"]*)"/.exec(line)?.[1] as string);

describe('routes made from raw paths', () => {
  it('keep a scrape of a few KB after 100 requests for distinct 14 KB paths', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry });
    for (let i = 0; i < 100; i++) http.start('GET', `/files/${'abcdefghij'[i % 10]?.repeat(1 + (i % 7))}-${'x'.repeat(14_000)}`).end(200);
    expect(routes(registry)).toEqual(['/files/:id']);
    expect(registry.metrics().length).toBeLessThan(3000);
  });

  it('turn segments longer than maxSegmentLength into :id', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry, maxSegmentLength: 8 });
    http.start('GET', '/docs/introduction/setup').end(200);
    expect(routes(registry)).toEqual(['/docs/:id/setup']);
  });

  it('are cut at maxRouteLength characters and marked', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry, maxRouteLength: 12 });
    http.start('GET', `/a/b/c/d/e/f/g/h/i/j/k`).end(200);
    http.start('GET', `/short`).end(200);
    expect(routes(registry)).toEqual(['/a/b/c/d/e/f…', '/short']);
  });

  it('are never cut between the halves of a surrogate pair', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry, maxRouteLength: 4 });
    http.start('GET', '/ab😀c').end(200);
    expect(routes(registry)).toEqual(['/ab…']);
  });

  it('apply to the routes a custom normalizePath makes, but not to route templates', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry, maxRouteLength: 10, normalizePath: (path) => path.toLowerCase() });
    http.start('GET', '/Reports/Quarterly/2026').end(200);
    http.start('GET', '/x').end(200, '/reports/:kind/:year');
    expect(routes(registry)).toEqual(['/reports/q…', '/reports/:kind/:year']);
  });
});
