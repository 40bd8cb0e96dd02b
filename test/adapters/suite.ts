/**
 * The behaviour every HTTP adapter shares, run against each framework on a real socket: the
 * same requests, the same expected scrape. An adapter test supplies `start`, which serves
 * these routes with the framework's own routing and error handling:
 *
 * - `GET /users/:id` → 200; `GET /api/items/:itemId` from a router mounted at `/api` → 200;
 * - `GET /boom` → the handler throws a `BoomError` synchronously, the app's error handling answers 500;
 * - `GET /slow` → 200 after 300 ms; `GET /health` → 200 (excluded); anything else → 404;
 * - `GET /metrics` → the scrape, served by the adapter.
 *
 * Hostile clients are part of it (raw sockets: pipelining behind a hung request, disconnects
 * mid-headers and mid-body, absolute-form targets, huge paths). Body sizes are checked when
 * the adapter opts in with `sizes: true`.
 */
import type { Registry } from '@promkit/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exchange, openSocket, rawGet } from './raw-client';

export class BoomError extends Error {}

export interface RunningApp {
  readonly url: string;
  close(): Promise<void>;
}

/** What `start` must pass to the adapter. */
export interface AdapterStartOptions {
  readonly registry: Registry;
  readonly exclude: string[];
  /** `true` when the adapter opted in to the size checks: record body sizes. */
  readonly sizes: boolean;
}

export interface AdapterUnderTest {
  readonly name: string;
  /** Body the app's own error handling sends for `/boom`. */
  readonly errorBody: string;
  /** Opt in to the body-size checks (`http_request_size_bytes`, `http_response_size_bytes` from Content-Length). */
  readonly sizes?: boolean;
  start(options: AdapterStartOptions): Promise<RunningApp>;
}

const TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';
const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/**
 * The suite's routes as a hand-rolled router knows them, for adapters without a router of
 * their own (node:http, fetch): the route template of a GET of `path`, or undefined (404).
 */
export function routeOfPath(method: string | undefined, path: string): string | undefined {
  if (method !== 'GET') return undefined;
  if (/^\/users\/[^/]+$/.test(path)) return '/users/:id';
  if (/^\/api\/items\/[^/]+$/.test(path)) return '/api/items/:itemId';
  return /^\/(slow|boom|health)$/.test(path) ? path : undefined;
}

/** The value of the sample `name{labels}` in exposition text, or undefined when absent. */
export function sample(text: string, name: string, labels = ''): number | undefined {
  const prefix = labels ? `${name}{${labels}} ` : `${name} `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(prefix.length));
}

/** The sum of every `http_requests_total` sample: requests recorded so far. */
export function totalRequests(text: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith('http_requests_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * Scrapes until `done(text)` holds and returns that scrape; past the deadline, fails naming
 * what it waited for and what the last scrape said.
 */
export async function scrapeUntil(scrape: () => Promise<string>, done: (text: string) => boolean, what: string, timeoutMs = 3000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await scrape();
    if (done(text)) return text;
    if (Date.now() > deadline) {
      throw new Error(
        `gave up after ${timeoutMs} ms waiting for ${what}: the last scrape had ${sample(text, 'http_requests_in_flight')} in flight and ${totalRequests(text)} requests recorded`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// How much the sample `name{labels}` grew from one scrape to the next.
const grew = (before: string, after: string, name: string, labels: string): number =>
  (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);

const SLOW_ABORTED = 'method="GET",route="/slow",status_code="499"';

// Requests the server has taken in since `before`: recorded ones plus those still in flight.
const seenSince = (before: string, text: string): number =>
  totalRequests(text) - totalRequests(before) + (sample(text, 'http_requests_in_flight') ?? 0) - (sample(before, 'http_requests_in_flight') ?? 0);

/**
 * GETs 100 distinct 14 KB paths under `prefix` (one long segment each, under Node's 16 KB
 * header limit), ten at a time, and reads every answer.
 */
export async function getLongPaths(url: string, prefix: string): Promise<void> {
  for (let i = 0; i < 100; i += 10) {
    const batch = Array.from({ length: 10 }, (_, j) => `${prefix}/${String.fromCharCode(97 + ((i + j) % 26)).repeat(1 + i / 10)}-${'x'.repeat(14_000)}`);
    await Promise.all(batch.map(async (path) => (await fetch(`${url}${path}`)).text()));
  }
}

/** Runs the shared adapter behaviour suite. */
export function describeAdapter(adapter: AdapterUnderTest, newRegistry: () => Registry): void {
  describe(`${adapter.name} adapter`, () => {
    let app: RunningApp;
    const registry = newRegistry();
    let text = '';
    const get = (path: string, init?: RequestInit) => fetch(`${app.url}${path}`, init);
    const scrape = async () => (await get('/metrics')).text();

    beforeAll(async () => {
      app = await adapter.start({ registry, exclude: ['/metrics', '/health'], sizes: adapter.sizes === true });
      const responses = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => get(`/users/${i + 1}`)),
        get('/api/items/abc'),
        get('/api/items/def?x=1'),
        get('/health'),
        get('/nope/x7f3a9'),
        get('/users/1', { method: 'PURGE' }),
        get('/slow'),
        get('/slow'),
      ]);
      await Promise.all(responses.map((r) => r.text()));
      expect(responses.map((r) => r.status)).toEqual([...Array(20).fill(200), 200, 200, 200, 404, 404, 200, 200]);
      // Two clients give up on /slow before it answers.
      await Promise.all(
        [0, 1].map(async () => {
          const aborted = get('/slow', { signal: AbortSignal.timeout(50) });
          await expect(aborted).rejects.toThrow();
        }),
      );
      // In-flight falls to 0 once the server sees the aborted sockets close.
      text = await scrapeUntil(
        scrape,
        (t) => sample(t, 'http_requests_in_flight') === 0 && sample(t, 'http_requests_total', SLOW_ABORTED) === 2,
        'the two aborted /slow requests to be recorded as 499',
      );
    });

    afterAll(() => app?.close());

    it('counts requests by method, route template and status', () => {
      expect(sample(text, 'http_requests_total', 'method="GET",route="/users/:id",status_code="200"')).toBe(20);
      expect(sample(text, 'http_requests_total', 'method="GET",route="/api/items/:itemId",status_code="200"')).toBe(2);
      expect(sample(text, 'http_requests_total', 'method="GET",route="/slow",status_code="200"')).toBe(2);
      expect(sample(text, 'http_request_duration_seconds_count', 'method="GET",route="/users/:id",status_code="200"')).toBe(20);
    });

    it('gives unmatched requests one route and unknown methods one method, never the raw path', () => {
      expect(sample(text, 'http_requests_total', 'method="GET",route="<unmatched>",status_code="404"')).toBe(1);
      expect(sample(text, 'http_requests_total', 'method="_OTHER",route="<unmatched>",status_code="404"')).toBe(1);
      expect(text).not.toContain('/nope/');
    });

    it('records aborted requests as 499 and brings in-flight back to 0', () => {
      expect(sample(text, 'http_requests_total', SLOW_ABORTED)).toBe(2);
      expect(sample(text, 'http_requests_in_flight')).toBe(0);
    });

    it('does not count excluded paths or the scrape itself', () => {
      expect(text).not.toContain('route="/health"');
      expect(text).not.toContain('route="/metrics"');
    });

    it('counts a thrown error and its 500 while the app handles it as before', async () => {
      const response = await get('/boom');
      expect(response.status).toBe(500);
      expect(await response.text()).toBe(adapter.errorBody);
      const after = await scrape();
      expect(sample(after, 'http_requests_total', 'method="GET",route="/boom",status_code="500"')).toBe(1);
      expect(sample(after, 'http_request_errors_total', 'error_type="BoomError",route="/boom"')).toBe(1);
    });

    it('answers a failing scrape with a 500 naming the problem', async () => {
      const spy = vi.spyOn(registry, 'scrape').mockImplementationOnce(() => {
        throw new Error('collector offline');
      });
      try {
        const response = await get('/metrics');
        expect([response.status, await response.text()]).toEqual([500, 'scrape failed: collector offline\n']);
      } finally {
        spy.mockRestore();
      }
    });

    it('serves the scrape with the exact content type of the format it sends', async () => {
      const plain = await get('/metrics');
      expect(plain.headers.get('content-type')).toBe(TEXT);
      expect(await plain.text()).toContain('# TYPE http_requests_total counter\n');
      const om = await get('/metrics', { headers: { accept: PROMETHEUS_ACCEPT } });
      expect(om.headers.get('content-type')).toBe(OPENMETRICS);
      const body = await om.text();
      expect(body).toContain('# TYPE http_requests counter\n');
      expect(body.endsWith('# EOF\n')).toBe(true);
    });

    it('records a hung request and the requests pipelined behind it once each when the client leaves', async () => {
      const before = await scrape();
      const socket = await openSocket(app.url);
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
      const headersOnly = await openSocket(app.url);
      headersOnly.write('GET /users/1 HTTP/1.1\r\nHost: local');
      const midBody = await openSocket(app.url);
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
      const response = await exchange(app.url, rawGet('http://localhost/users/5?tab=posts', 'connection: close\r\n'));
      expect(response.startsWith('HTTP/1.1 200')).toBe(true);
      await exchange(app.url, rawGet('http://localhost/health', 'connection: close\r\n'));
      const after = await scrapeUntil(scrape, (t) => totalRequests(t) - totalRequests(before) >= 1, 'the absolute-form request to be recorded');
      expect(grew(before, after, 'http_requests_total', 'method="GET",route="/users/:id",status_code="200"')).toBe(1);
      expect(totalRequests(after) - totalRequests(before)).toBe(1);
      expect(after).not.toContain('localhost');
    });

    it('keeps the exposition small whatever the length of the paths requested', async () => {
      const before = await scrape();
      await getLongPaths(app.url, '/nope');
      const after = await scrapeUntil(scrape, (t) => totalRequests(t) - totalRequests(before) === 100, 'the 100 long requests to be recorded');
      expect(after.length - before.length).toBeLessThan(2000);
    });

    it.runIf(adapter.sizes === true)('records body sizes from Content-Length', async () => {
      const ok = 'method="GET",route="/users/:id",status_code="200"';
      expect(sample(text, 'http_response_size_bytes_count', ok)).toBe(20);
      expect(sample(text, 'http_response_size_bytes_sum', ok)).toBe(40);
      await (await get('/users/1', { method: 'POST', body: 'hello' })).text();
      const posted = 'method="POST",route="<unmatched>",status_code="404"';
      const after = await scrapeUntil(scrape, (t) => sample(t, 'http_request_size_bytes_count', posted) === 1, 'the POST to be recorded with its size');
      expect(sample(after, 'http_request_size_bytes_sum', posted)).toBe(5);
    });
  });
}

/** Listens on a free port of 127.0.0.1 and returns the app's base URL and a close function. */
export async function listen(server: import('node:http').Server): Promise<RunningApp> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
