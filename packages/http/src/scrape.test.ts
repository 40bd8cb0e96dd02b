import { Registry } from '@promkit/core';
import { expect, it } from 'vitest';
import { isScrapeRequest, scrapeResponse } from './scrape';

const registry = new Registry();
registry.counter({ name: 'jobs_total', help: 'Jobs.' }).inc();

it('answers 0.0.4 text with its exact content type by default', async () => {
  expect(await scrapeResponse(registry, undefined)).toEqual({
    status: 200,
    contentType: 'text/plain; version=0.0.4; charset=utf-8',
    body: '# HELP jobs_total Jobs.\n# TYPE jobs_total counter\njobs_total 1\n',
  });
});

it('answers OpenMetrics when the scraper asks for it, as Prometheus 2.42 does', async () => {
  const accept =
    'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
  expect(await scrapeResponse(registry, accept)).toEqual({
    status: 200,
    contentType: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
    body: '# TYPE jobs counter\n# HELP jobs Jobs.\njobs_total 1\n# EOF\n',
  });
});

it('serves the other metrics when a collect callback fails, and counts the failure', async () => {
  const errors: unknown[] = [];
  const broken = new Registry({ onInternalError: (error) => errors.push(error) });
  broken.gauge({ name: 'temperature', help: 'T.', collect: () => { throw new Error('sensor offline'); } });
  broken.counter({ name: 'jobs_total', help: 'Jobs.' }).inc();
  const response = await scrapeResponse(broken, null);
  expect(response.status).toBe(200);
  expect(response.body).toContain('jobs_total 1\n');
  expect(response.body).toContain('promkit_collect_errors_total{metric="temperature"} 1\n');
  expect(errors).toEqual([expect.objectContaining({ message: expect.stringContaining('sensor offline') })]);
});

it('recognises a scrape request by method and exact path, query allowed', () => {
  expect(isScrapeRequest('GET', '/metrics', '/metrics')).toBe(true);
  expect(isScrapeRequest('HEAD', '/metrics?name[]=x', '/metrics')).toBe(true);
  expect(isScrapeRequest('POST', '/metrics', '/metrics')).toBe(false);
  expect(isScrapeRequest('GET', '/metrics/x', '/metrics')).toBe(false);
  expect(isScrapeRequest('GET', '/metricsx', '/metrics')).toBe(false);
  expect(isScrapeRequest('GET', '/metrics', false)).toBe(false);
});

it('recognises a scrape request in absolute form', () => {
  expect(isScrapeRequest('GET', 'http://localhost:9100/metrics?x=1', '/metrics')).toBe(true);
  expect(isScrapeRequest('GET', 'https://example.com/metrics/x', '/metrics')).toBe(false);
  expect(isScrapeRequest('GET', 'https://example.com', '/')).toBe(true);
});
