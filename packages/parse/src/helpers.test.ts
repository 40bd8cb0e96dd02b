import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from '@promkit/core';
import { expect, it } from 'vitest';
import { normalize } from './normalize';
import { valueOf } from './value-of';

it('valueOf finds le and quantile labels by number, whatever their spelling', () => {
  const registry = new Registry();
  registry.histogram({ name: 'job_seconds', help: 'Job time.', buckets: [0.5, 1, 10] }).observe(0.7);
  const om = registry.metrics('openmetrics');
  expect(om).toContain('job_seconds_bucket{le="1.0"} 1');
  expect(valueOf(om, 'job_seconds_bucket', { le: 1 })).toBe(1);
  expect(valueOf(om, 'job_seconds_bucket', { le: '1' })).toBe(1);
  expect(valueOf(om, 'job_seconds_bucket', { le: 0.5 })).toBe(0);
  expect(valueOf(om, 'job_seconds_bucket', { le: Infinity })).toBe(1);
  expect(valueOf(om, 'job_seconds_bucket', { le: 2 })).toBeUndefined();
  expect(valueOf('rpc{quantile="0.50"} 3\n', 'rpc', { quantile: 0.5 })).toBe(3);
});

it('valueOf compares other labels as strings: { code: 1 } does not find code="1.0"', () => {
  expect(valueOf('hits{code="1.0"} 3\n', 'hits', { code: 1 })).toBeUndefined();
});

/** One real request to a server that times itself into a fresh registry; the scrape after it. */
async function scrapeAfterOneRequest(): Promise<string> {
  const registry = new Registry();
  const duration = registry.histogram({ name: 'http_request_duration_seconds', help: 'Request time.' });
  const server = createServer((_, response) => {
    const stop = duration.startTimer();
    response.end('ok', () => stop());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return registry.metrics();
}

it('normalize with mask gives the same snapshot for two runs of one real request each', async () => {
  const options = { mask: ['http_request_duration_seconds'] };
  const first = normalize(await scrapeAfterOneRequest(), options);
  const second = normalize(await scrapeAfterOneRequest(), options);
  expect(second).toBe(first);
  expect(first).toContain('http_request_duration_seconds_bucket{le="+Inf"} *\n');
  expect(first).toContain('http_request_duration_seconds_count 1\n');
  expect(first).toContain('http_request_duration_seconds_sum *\n');
});

it('normalize masks every value of a masked counter or gauge and no other family', () => {
  const text = '# TYPE uptime gauge\nuptime 12.5\n# TYPE hits counter\nhits{b="2",a="1"} 3\n';
  expect(normalize(text, { mask: ['uptime'] })).toBe('# TYPE hits counter\nhits{a="1",b="2"} 3\n# TYPE uptime gauge\nuptime *\n');
});
