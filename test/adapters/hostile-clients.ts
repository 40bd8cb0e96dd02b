// The hostile-client checks of the shared adapter suite, on raw sockets: every request that
// arrives is recorded once and leaves in-flight once, whatever the client does. They use the
// suite's routes (`/slow` answers after 300 ms, `/users/:id`, `/health` excluded).
import type { Registry } from '@promkit/core';
import { expect, it } from 'vitest';
import { exchange, getLongPaths, openSocket, rawGet } from './raw-client';
import type { RunningApp } from './suite';
import { grew, sample, scrapeUntil, seenSince, totalRequests } from './samples';

export const SLOW_ABORTED = 'method="GET",route="/slow",status_code="499"';

/** Registers the hostile-client checks against the app at `url()`, read through `scrape`. */
export function hostileClientChecks(url: () => string, scrape: () => Promise<string>): void {
  it('records a hung request and the requests pipelined behind it once each when the client leaves', async () => {
    const before = await scrape();
    const socket = await openSocket(url());
    // Node queues the responses of pipelined requests behind the unfinished /slow one.
    socket.write(rawGet('/slow') + rawGet('/users/7') + rawGet('/users/8') + rawGet('/users/9'));
    await scrapeUntil(scrape, (t) => seenSince(before, t) === 4, 'the server to take in 4 pipelined requests');
    socket.destroy();
    const after = await scrapeUntil(
      scrape,
      (t) => sample(t, 'http_requests_in_flight') === 0 && totalRequests(t) - totalRequests(before) === 4,
      'all 4 pipelined requests to be recorded once and leave in-flight',
    );
    expect(grew(before, after, 'http_requests_total', SLOW_ABORTED)).toBe(1);
  });

  it('records a request whose client leaves mid-body as 499, and nothing for one that leaves mid-headers', async () => {
    const before = await scrape();
    const headersOnly = await openSocket(url());
    headersOnly.write('GET /users/1 HTTP/1.1\r\nHost: local');
    const midBody = await openSocket(url());
    midBody.write(`${rawGet('/slow', 'content-length: 1000\r\n')}${'x'.repeat(10)}`);
    await scrapeUntil(scrape, (t) => seenSince(before, t) === 1, 'the server to take in the request with a partial body');
    headersOnly.destroy();
    midBody.destroy();
    const after = await scrapeUntil(
      scrape,
      (t) => sample(t, 'http_requests_in_flight') === 0 && totalRequests(t) - totalRequests(before) === 1,
      'the abandoned upload to be recorded',
    );
    expect(grew(before, after, 'http_requests_total', SLOW_ABORTED)).toBe(1);
  });

  it('records absolute-form targets by their path and excludes them like any other', async () => {
    const before = await scrape();
    const response = await exchange(url(), rawGet('http://localhost/users/5?tab=posts', 'connection: close\r\n'));
    expect(response.startsWith('HTTP/1.1 200')).toBe(true);
    await exchange(url(), rawGet('http://localhost/health', 'connection: close\r\n'));
    const after = await scrapeUntil(scrape, (t) => totalRequests(t) - totalRequests(before) >= 1, 'the absolute-form request to be recorded');
    expect(grew(before, after, 'http_requests_total', 'method="GET",route="/users/:id",status_code="200"')).toBe(1);
    expect(totalRequests(after) - totalRequests(before)).toBe(1);
    expect(after).not.toContain('localhost');
  });

  it('keeps the exposition small whatever the length of the paths requested', async () => {
    const before = await scrape();
    await getLongPaths(url(), '/nope');
    const after = await scrapeUntil(scrape, (t) => totalRequests(t) - totalRequests(before) === 100, 'the 100 long requests to be recorded');
    expect(after.length - before.length).toBeLessThan(2000);
  });
}

/**
 * Checks that an app answering every path itself (a catch-all middleware, static files: no
 * route template) keeps its scrape at a few KB after 100 requests for distinct 14 KB paths.
 */
export async function expectSmallScrapeAfterLongPaths(app: RunningApp, registry: Registry): Promise<void> {
  try {
    await getLongPaths(app.url, '/assets');
    const text = await scrapeUntil(
      async () => registry.metrics(),
      (t) => sample(t, 'http_requests_total', 'method="GET",route="/assets/:id",status_code="200"') === 100,
      'the 100 requests for long paths to be recorded under one route',
    );
    expect(text.length).toBeLessThan(3000);
  } finally {
    await app.close();
  }
}
