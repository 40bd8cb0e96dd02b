import { Registry } from '@promkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { createHttpMetrics } from './http-metrics';

let now = 0;
beforeEach(() => {
  now = 1000;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});
afterEach(() => vi.restoreAllMocks());

// The samples of one family, without HELP/TYPE.
const samples = (registry: Registry, family: string): string[] =>
  registry.metrics().split('\n').filter((line) => line.startsWith(family) && !line.startsWith(`${family}_bucket`));

describe('createHttpMetrics', () => {
  it('records count, duration and in-flight per method, route and status', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry, buckets: [0.1, 1] });
    const request = http.start('GET', '/users/42?tab=posts');
    expect(samples(registry, 'http_requests_in_flight')).toEqual(['http_requests_in_flight 1']);
    now += 250;
    request.end(200, '/users/:id');
    expect(registry.metrics()).toBe(
      [
        '# HELP http_requests_total HTTP requests completed (aborted ones with status_code 499).',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="GET",route="/users/:id",status_code="200"} 1',
        '# HELP http_request_duration_seconds HTTP request durations in seconds, until the response is sent.',
        '# TYPE http_request_duration_seconds histogram',
        'http_request_duration_seconds_bucket{method="GET",route="/users/:id",status_code="200",le="0.1"} 0',
        'http_request_duration_seconds_bucket{method="GET",route="/users/:id",status_code="200",le="1.0"} 1',
        'http_request_duration_seconds_bucket{method="GET",route="/users/:id",status_code="200",le="+Inf"} 1',
        'http_request_duration_seconds_sum{method="GET",route="/users/:id",status_code="200"} 0.25',
        'http_request_duration_seconds_count{method="GET",route="/users/:id",status_code="200"} 1',
        '# HELP http_request_errors_total HTTP handler exceptions, by error class.',
        '# TYPE http_request_errors_total counter',
        '# HELP http_requests_in_flight HTTP requests being served.',
        '# TYPE http_requests_in_flight gauge',
        'http_requests_in_flight 0',
        '',
      ].join('\n'),
    );
  });

  it('records a request once however often it is ended', () => {
    const registry = new Registry();
    const request = createHttpMetrics({ registry }).start('GET', '/a');
    request.end(200);
    request.end(500);
    request.abort();
    expect(samples(registry, 'http_requests_total')).toEqual(['http_requests_total{method="GET",route="/a",status_code="200"} 1']);
    expect(samples(registry, 'http_requests_in_flight')).toEqual(['http_requests_in_flight 0']);
  });

  it('records aborted requests with status 499 and leaves in-flight', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry });
    http.start('POST', '/upload').abort('/upload');
    expect(samples(registry, 'http_requests_total')).toEqual(['http_requests_total{method="POST",route="/upload",status_code="499"} 1']);
    expect(samples(registry, 'http_requests_in_flight')).toEqual(['http_requests_in_flight 0']);
  });

  it('counts handler errors by class and route when the request ends', () => {
    const registry = new Registry();
    const onError = vi.fn();
    const http = createHttpMetrics({ registry, onError });
    const request = http.start('GET', '/orders/9');
    const error = new TypeError('bad');
    request.error(error);
    request.end(500, '/orders/:id');
    expect(samples(registry, 'http_request_errors_total')).toEqual(['http_request_errors_total{error_type="TypeError",route="/orders/:id"} 1']);
    expect(samples(registry, 'http_requests_total')).toEqual(['http_requests_total{method="GET",route="/orders/:id",status_code="500"} 1']);
    expect(onError).toHaveBeenCalledWith('TypeError', '/orders/9', error);
  });

  it('gives 404s without a route one fixed route and unknown methods one method', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry });
    http.start('PURGE', '/wp-admin/x.php').end(404);
    http.start('get', '/nothing/here').end(404);
    expect(samples(registry, 'http_requests_total')).toEqual([
      'http_requests_total{method="_OTHER",route="<unmatched>",status_code="404"} 1',
      'http_requests_total{method="GET",route="<unmatched>",status_code="404"} 1',
    ]);
  });

  it('normalises paths without a route template and caps the routes it makes', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry, maxRoutes: 2 });
    http.start('GET', '/users/1').end(200);
    http.start('GET', '/users/2').end(200);
    http.start('GET', '/about').end(200);
    http.start('GET', '/pricing').end(200);
    http.start('GET', '/users/3').end(200);
    expect(samples(registry, 'http_requests_total')).toEqual([
      'http_requests_total{method="GET",route="/users/:id",status_code="200"} 3',
      'http_requests_total{method="GET",route="/about",status_code="200"} 1',
      'http_requests_total{method="GET",route="<overflow>",status_code="200"} 1',
    ]);
  });

  it('creates only a handful of series for a flood of 10,000 random paths', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry });
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 10 });
    const paths = fc.sample(fc.tuple(word, word), { numRuns: 10_000, seed: 14 });
    paths.forEach(([a, b], i) => http.start(['GET', 'POST', 'BREW'][i % 3] as string, `/${a}/${b}`).end(i % 2 ? 404 : 200));
    const series = samples(registry, 'http_requests_total');
    // 100 routes (maxRoutes) + overflow + unmatched, across 3 method labels at most.
    expect(series.length).toBeLessThanOrEqual(3 * 102);
    expect(series.some((line) => line.includes('route="<overflow>"'))).toBe(true);
    const total = series.reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    expect(total).toBe(10_000);
  });

  it('records absolute-form targets by their path and excludes them by it', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry, exclude: ['/health'] });
    http.start('GET', 'http://example.com/users/7?tab=posts').end(200);
    http.start('GET', 'http://example.com/health').end(200);
    expect(samples(registry, 'http_requests_total')).toEqual(['http_requests_total{method="GET",route="/users/:id",status_code="200"} 1']);
  });

  it('records nothing for excluded paths, and /metrics by default', () => {
    const registry = new Registry();
    const onRequestStart = vi.fn();
    const http = createHttpMetrics({ registry, onRequestStart });
    http.start('GET', '/metrics').end(200);
    createHttpMetrics({ registry, exclude: [/^\/health/, '/ready'] }).start('GET', '/healthz').end(200);
    createHttpMetrics({ registry, exclude: (path) => path.endsWith('.ico') }).start('GET', '/favicon.ico').end(200);
    expect(samples(registry, 'http_requests_total')).toEqual([]);
    expect(onRequestStart).not.toHaveBeenCalled();
  });

  it('runs only the callbacks when metrics are off', () => {
    const registry = new Registry();
    const calls: unknown[][] = [];
    const http = createHttpMetrics({
      registry,
      metrics: false,
      onRequestStart: (...args) => calls.push(['start', ...args]),
      onRequestEnd: (...args) => calls.push(['end', ...args]),
      onError: (type, path) => calls.push(['error', type, path]),
    });
    const request = http.start('DELETE', '/users/7?force=1');
    now += 12;
    request.error(new RangeError('x'));
    request.end(500);
    expect(registry.metrics()).toBe('');
    expect(calls).toEqual([
      ['start', 'DELETE', '/users/7'],
      ['error', 'RangeError', '/users/7'],
      ['end', 'DELETE', '/users/7', 500, 0.012, '/users/:id'],
    ]);
  });

  it('never throws into the request when a callback throws, and reports it', () => {
    const registry = new Registry();
    const failures: unknown[] = [];
    const boom = () => {
      throw new Error('callback bug');
    };
    const http = createHttpMetrics({ registry, onRequestStart: boom, onRequestEnd: boom, onError: boom, onInternalError: (e) => failures.push(e) });
    const request = http.start('GET', '/x');
    request.error(new Error('handler'));
    expect(() => request.end(500)).not.toThrow();
    expect(failures.map((e) => (e as Error).message)).toEqual(['callback bug', 'callback bug']);
    expect(samples(registry, 'http_requests_total')).toEqual(['http_requests_total{method="GET",route="/x",status_code="500"} 1']);
  });

  it('logs only the first internal failure when no onInternalError is given', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const http = createHttpMetrics({ registry: new Registry(), onRequestEnd: () => { throw new Error('bug'); } });
    http.start('GET', '/a').end(200);
    http.start('GET', '/a').end(200);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('applies a prefix and static labels to every metric', () => {
    const registry = new Registry();
    const http = createHttpMetrics({ registry, prefix: 'api_', labels: { service: 'checkout' }, buckets: [1] });
    const request = http.start('GET', '/cart');
    request.error(new Error('x'));
    request.end(500, '/cart');
    expect(registry.metrics()).toContain('api_http_requests_total{method="GET",route="/cart",status_code="500",service="checkout"} 1\n');
    expect(registry.metrics()).toContain('api_http_request_errors_total{error_type="Error",route="/cart",service="checkout"} 1\n');
    expect(registry.metrics()).toContain('api_http_requests_in_flight{service="checkout"} 0\n');
    expect(registry.metrics()).toContain('api_http_request_duration_seconds_count{method="GET",route="/cart",status_code="500",service="checkout"} 1\n');
  });

  it('reuses its metrics when created twice on one registry (hot reload)', () => {
    const registry = new Registry();
    createHttpMetrics({ registry }).start('GET', '/a').end(200);
    createHttpMetrics({ registry }).start('GET', '/a').end(200);
    expect(samples(registry, 'http_requests_total')).toEqual(['http_requests_total{method="GET",route="/a",status_code="200"} 2']);
  });

  it('records body sizes when asked to', () => {
    const registry = new Registry();
    createHttpMetrics({ registry, sizes: true }).start('POST', '/a').end(201, '/a', { request: 100, response: 5000 });
    expect(registry.metrics()).toContain('http_request_size_bytes_sum{method="POST",route="/a",status_code="201"} 100\n');
    expect(registry.metrics()).toContain('http_response_size_bytes_bucket{method="POST",route="/a",status_code="201",le="4096.0"} 0\n');
    expect(registry.metrics()).toContain('http_response_size_bytes_bucket{method="POST",route="/a",status_code="201",le="16384.0"} 1\n');
  });
});

describe('native duration buckets', () => {
  it('records durations in native buckets too, and keeps the classic ones for text scrapes', async () => {
    const { nativeBuckets, protobuf } = await import('@promkit/protobuf');
    const registry = new Registry();
    registry.addFormat(protobuf);
    const http = createHttpMetrics({ registry, native: nativeBuckets({ schema: 0 }), buckets: [0.1, 1] });
    const request = http.start('GET', '/users/1');
    now += 300;
    request.end(200, '/users/:id');
    const duration = registry.snapshot().find((family) => family.name === 'http_request_duration_seconds');
    const [series] = duration?.series ?? [];
    // 0.3 s lies in (2^-2, 2^-1]: bucket index -1 at schema 0.
    expect(series?.native).toEqual({ schema: 0, zeroThreshold: 2 ** -128, zeroCount: 0, positive: [[-1, 1]] });
    expect(series?.buckets?.map((bucket) => bucket.count)).toEqual([0, 1, 1]);
    expect(registry.metrics()).toContain('http_request_duration_seconds_bucket{method="GET",route="/users/:id",status_code="200",le="1.0"} 1\n');
  });
});
