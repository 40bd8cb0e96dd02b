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
 * mid-headers and mid-body, absolute-form targets, huge paths). So are binary scrapes: the
 * registry has a test format added, which must arrive byte for byte. Exemplars from a
 * `traceparent` header are checked on a second app started with `exemplars: 'traceparent'`.
 * Body sizes are checked when the adapter opts in with `sizes: true`.
 */
import type { Registry } from '@promkit/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { binaryScrapeChecks, TEST_FORMAT } from './binary-scrape';
import { exemplarChecks } from './exemplar-checks';
import { hostileClientChecks, SLOW_ABORTED } from './hostile-clients';

export { expectSmallScrapeAfterLongPaths } from './hostile-clients';
import { sample, scrapeUntil } from './samples';
import { sizeChecks } from './size-checks';

export { sample, scrapeUntil, totalRequests } from './samples';

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
  /** `'traceparent'` for the exemplar checks: pass it on as the `exemplars` option. */
  readonly exemplars?: 'traceparent';
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

// The traffic every adapter gets before the checks; resolves with the scrape once it is all recorded.
async function sendTraffic(get: (path: string, init?: RequestInit) => Promise<Response>, scrape: () => Promise<string>): Promise<string> {
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
  return scrapeUntil(
    scrape,
    (t) => sample(t, 'http_requests_in_flight') === 0 && sample(t, 'http_requests_total', SLOW_ABORTED) === 2,
    'the two aborted /slow requests to be recorded as 499',
  );
}

/** Runs the shared adapter behaviour suite. */
export function describeAdapter(adapter: AdapterUnderTest, newRegistry: () => Registry): void {
  describe(`${adapter.name} adapter`, () => {
    let app: RunningApp;
    const registry = newRegistry();
    registry.addFormat(TEST_FORMAT);
    let text = '';
    const get = (path: string, init?: RequestInit) => fetch(`${app.url}${path}`, init);
    const scrape = async () => (await get('/metrics')).text();

    beforeAll(async () => {
      app = await adapter.start({ registry, exclude: ['/metrics', '/health'], sizes: adapter.sizes === true });
      text = await sendTraffic(get, scrape);
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

    hostileClientChecks(() => app.url, scrape);

    binaryScrapeChecks(get);

    if (adapter.sizes) sizeChecks(() => text, get, scrape);
  });

  exemplarChecks(adapter, newRegistry);
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
