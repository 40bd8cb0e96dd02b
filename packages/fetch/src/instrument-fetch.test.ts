import { Registry } from '@promkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serveFetch } from '../../../test/adapters/fetch-server';
import { describeLeavingClients, sleep, streamedBody } from '../../../test/adapters/leaving-clients';
import { BoomError, describeAdapter, routeOfPath, sample } from '../../../test/adapters/suite';
import { instrumentFetch } from './instrument-fetch';
import { metricsHandler } from './metrics-handler';

const routeOf = (request: Request): string | undefined => routeOfPath(request.method, new URL(request.url).pathname);

describeAdapter(
  {
    name: 'fetch',
    errorBody: 'handled: boom',
    start({ registry, exclude, exemplars }) {
      const scrape = metricsHandler({ registry });
      const app = instrumentFetch(
        async (request: Request) => {
          if (new URL(request.url).pathname === '/metrics') return scrape(request);
          const route = routeOf(request);
          if (route === '/boom') throw new BoomError('boom');
          if (route === '/slow') await new Promise((resolve) => setTimeout(resolve, 300));
          return new Response(route ? 'ok' : 'not found', { status: route ? 200 : 404 });
        },
        { registry, exclude, exemplars, route: routeOf },
      );
      return serveFetch(app);
    },
  },
  () => new Registry(),
);

describeLeavingClients(
  {
    name: 'fetch',
    app: (registry, answer) =>
      instrumentFetch(
        async (request: Request) => {
          if (request.url.endsWith('/stream')) return new Response(streamedBody());
          await sleep(30);
          return answer();
        },
        { registry, route: (request) => new URL(request.url).pathname },
      ),
  },
  () => new Registry(),
);

it('passes this and extra handler arguments through (env and ctx of a Worker)', async () => {
  const registry = new Registry();
  const worker = {
    greeting: 'hi',
    fetch: instrumentFetch(function (this: { greeting: string }, _request: Request, env: { name: string }, ctx: { id: number }) {
      return new Response(`${this.greeting} ${env.name} ${ctx.id}`);
    }, { registry }),
  };
  const response = await worker.fetch(new Request('https://worker.example/hello/1234567890abcdef1'), { name: 'env' }, { id: 7 });
  expect(await response.text()).toBe('hi env 7');
  expect(sample(registry.metrics(), 'http_requests_total', 'method="GET",route="/hello/:id",status_code="200"')).toBe(1);
});

it('leaves the route to the path normaliser when the route option throws, and answers as before', async () => {
  const registry = new Registry();
  const handler = instrumentFetch(() => new Response('ok'), {
    registry,
    route: () => {
      throw new Error('router not ready');
    },
  });
  expect(await (await handler(new Request('https://edge.example/orders/42'))).text()).toBe('ok');
  expect(sample(registry.metrics(), 'http_requests_total', 'method="GET",route="/orders/:id",status_code="200"')).toBe(1);
});

it('returns named functions, so stack traces say whose handler it is', () => {
  const registry = new Registry();
  expect([instrumentFetch(() => new Response(), { registry }).name, metricsHandler({ registry }).name]).toEqual(['instrumentedFetch', 'serveScrape']);
});

it('answers HEAD scrapes without a body', async () => {
  const response = await metricsHandler({ registry: new Registry() })(new Request('https://x/metrics', { method: 'HEAD' }));
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  expect(await response.text()).toBe('');
});

describe('with sizes: true', () => {
  it('records both body sizes from Content-Length when the request and response carry one', async () => {
    const registry = new Registry();
    const handler = instrumentFetch(async (request: Request) => new Response(`got ${await request.text()}`, { headers: { 'content-length': '9' } }), {
      registry,
      sizes: true,
      route: () => '/echo',
    });
    const response = await handler(new Request('https://edge.example/echo', { method: 'POST', body: 'hello', headers: { 'content-length': '5' } }));
    expect(await response.text()).toBe('got hello');
    const text = registry.metrics();
    const labels = 'method="POST",route="/echo",status_code="200"';
    expect([sample(text, 'http_request_size_bytes_sum', labels), sample(text, 'http_request_size_bytes_count', labels)]).toEqual([5, 1]);
    expect([sample(text, 'http_response_size_bytes_sum', labels), sample(text, 'http_response_size_bytes_count', labels)]).toEqual([9, 1]);
  });

  it('records no size for a body without Content-Length, and counts the request all the same', async () => {
    const registry = new Registry();
    await instrumentFetch(() => new Response('ok'), { registry, sizes: true, route: () => '/' })(new Request('https://edge.example/'));
    const text = registry.metrics();
    expect(sample(text, 'http_requests_total', 'method="GET",route="/",status_code="200"')).toBe(1);
    expect(text).not.toContain('http_request_size_bytes_count{');
    expect(text).not.toContain('http_response_size_bytes_count{');
  });

  it('reads a Content-Length of digits only (RFC 9110 §8.6) and records no size for anything else', () => {
    const sized = async (contentLength: string): Promise<number | undefined> => {
      const registry = new Registry();
      await instrumentFetch(() => new Response(null, { headers: { 'content-length': contentLength } }), { registry, sizes: true, route: () => '/' })(
        new Request('https://edge.example/'),
      );
      return sample(registry.metrics(), 'http_response_size_bytes_sum', 'method="GET",route="/",status_code="200"');
    };
    return fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.nat().map(String),
          fc.string({ unit: fc.constantFrom('0', '1', '9', ' ', 'e', 'x', '.', '-', '+', 'a') }).filter((value) => value.trim() === value),
        ),
        async (contentLength) => {
          expect(await sized(contentLength)).toBe(/^\d+$/.test(contentLength) ? Number(contentLength) : undefined);
        },
      ),
      { seed: 1913, numRuns: 200 },
    );
  });
});
