import { Registry } from '@promkit/core';
import { describe, expect, it } from 'vitest';
import { serveFetch } from '../../../test/adapters/fetch-server';
import { BoomError, describeAdapter, routeOfPath, sample } from '../../../test/adapters/suite';
import { instrumentFetch } from './instrument-fetch';
import { metricsHandler } from './metrics-handler';

const routeOf = (request: Request): string | undefined => routeOfPath(request.method, new URL(request.url).pathname);

describeAdapter(
  {
    name: 'fetch',
    errorBody: 'handled: boom',
    start({ registry, exclude }) {
      const scrape = metricsHandler({ registry });
      const app = instrumentFetch(
        async (request: Request) => {
          if (new URL(request.url).pathname === '/metrics') return scrape(request);
          const route = routeOf(request);
          if (route === '/boom') throw new BoomError('boom');
          if (route === '/slow') await new Promise((resolve) => setTimeout(resolve, 300));
          return new Response(route ? 'ok' : 'not found', { status: route ? 200 : 404 });
        },
        { registry, exclude, route: routeOf },
      );
      return serveFetch(app);
    },
  },
  () => new Registry(),
);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Every sample of http_requests_total as `labels value`, and the in-flight gauge.
const recorded = (registry: Registry) => {
  const text = registry.metrics();
  const requests = text.split('\n').filter((line) => line.startsWith('http_requests_total{'));
  return { requests: requests.map((line) => line.slice('http_requests_total'.length)), inFlight: sample(text, 'http_requests_in_flight') };
};

const ABORTED = '{method="GET",route="/slow",status_code="499"} 1';

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
  expect(recorded(registry).requests).toEqual(['{method="GET",route="/hello/:id",status_code="200"} 1']);
});

it('answers HEAD scrapes without a body', async () => {
  const response = await metricsHandler({ registry: new Registry() })(new Request('https://x/metrics', { method: 'HEAD' }));
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  expect(await response.text()).toBe('');
});

describe('a client that goes away', () => {
  const slow = (registry: Registry, after: () => Response | Promise<Response>) =>
    instrumentFetch(
      async () => {
        await sleep(30);
        return after();
      },
      { registry, route: () => '/slow' },
    );

  it('is recorded once as 499 when it leaves before the handler answers, and leaves in-flight then', async () => {
    const registry = new Registry();
    const controller = new AbortController();
    const answered = slow(registry, () => new Response('late'))(new Request('https://edge.example/slow', { signal: controller.signal }));
    expect(recorded(registry).inFlight).toBe(1);
    controller.abort();
    expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
    expect((await answered).status).toBe(200);
    expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
  });

  it('is recorded once as 499 when its request arrives already aborted', async () => {
    const registry = new Registry();
    await slow(registry, () => new Response('late'))(new Request('https://edge.example/slow', { signal: AbortSignal.abort() }));
    expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
  });

  it('is recorded once as 499, with no error, when the handler throws after it left', async () => {
    const registry = new Registry();
    const controller = new AbortController();
    const failing = slow(registry, () => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    const answered = failing(new Request('https://edge.example/slow', { signal: controller.signal }));
    controller.abort();
    await expect(answered).rejects.toThrow('aborted');
    expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
    expect(registry.metrics()).not.toContain('http_request_errors_total{');
  });

  it('is recorded once with the status the handler gave when it leaves while the body streams', async () => {
    const registry = new Registry();
    const controller = new AbortController();
    const body = new ReadableStream({ pull: () => sleep(10) });
    const response = await slow(registry, () => new Response(body))(new Request('https://edge.example/slow', { signal: controller.signal }));
    controller.abort();
    await response.body?.cancel();
    expect(recorded(registry)).toEqual({ requests: ['{method="GET",route="/slow",status_code="200"} 1'], inFlight: 0 });
  });

  it('is recorded once on a real socket when it leaves while the body streams', async () => {
    const registry = new Registry();
    const app = await serveFetch(
      instrumentFetch(
        () => {
          let chunks = 0;
          const body = new ReadableStream<Uint8Array>({
            pull: async (stream) => {
              await sleep(20);
              if (chunks++ < 10) stream.enqueue(new TextEncoder().encode('x'));
              else stream.close();
            },
          });
          return new Response(body);
        },
        { registry, route: () => '/stream' },
      ),
    );
    try {
      await expect(fetch(`${app.url}/stream`, { signal: AbortSignal.timeout(50) }).then((r) => r.text())).rejects.toThrow();
      await sleep(300);
      expect(recorded(registry)).toEqual({ requests: ['{method="GET",route="/stream",status_code="200"} 1'], inFlight: 0 });
    } finally {
      await app.close();
    }
  });
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
});
