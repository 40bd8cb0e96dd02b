import { Registry } from '@promkit/core';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { serveFetch } from '../../../test/adapters/fetch-server';
import { BoomError, describeAdapter, sample } from '../../../test/adapters/suite';
import { prometheus } from './prometheus';

describeAdapter(
  {
    name: 'Hono',
    errorBody: 'handled: boom',
    start({ registry, exclude }) {
      const app = new Hono();
      app.use(prometheus({ registry, exclude }));
      app.get('/users/:id', (c) => c.text('ok'));
      app.get('/boom', () => {
        throw new BoomError('boom');
      });
      app.get('/slow', async (c) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return c.text('ok');
      });
      app.get('/health', (c) => c.text('ok'));
      const api = new Hono();
      api.get('/items/:itemId', (c) => c.text('ok'));
      app.route('/api', api);
      app.onError((error, c) => c.text(`handled: ${error.message}`, 500));
      return serveFetch((request) => app.fetch(request));
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

it('records routes of sub-apps and 404s without the raw path', async () => {
  const registry = new Registry();
  const app = new Hono();
  app.use(prometheus({ registry }));
  app.get('/posts/:id', (c) => c.text('ok'));
  await app.request('/posts/1');
  await app.request('/random/xyz');
  const text = registry.metrics();
  expect(sample(text, 'http_requests_total', 'method="GET",route="/posts/:id",status_code="200"')).toBe(1);
  expect(sample(text, 'http_requests_total', 'method="GET",route="<unmatched>",status_code="404"')).toBe(1);
});

it('is a named function, so stack traces say whose middleware it is', () => {
  expect(prometheus({ registry: new Registry() }).name).toBe('prometheusMiddleware');
});

describe('a client that goes away', () => {
  const appWith = (registry: Registry, slow: () => Response | Promise<Response>) => {
    const app = new Hono();
    app.use(prometheus({ registry }));
    app.get('/slow', async () => {
      await sleep(30);
      return slow();
    });
    app.onError((error, c) => c.text(`handled: ${error.message}`, 500));
    return app;
  };

  it('is recorded once as 499 when it leaves before the handler answers, and leaves in-flight then', async () => {
    const registry = new Registry();
    const controller = new AbortController();
    const answered = appWith(registry, () => new Response('late')).request('https://edge.example/slow', { signal: controller.signal });
    await sleep(5);
    expect(recorded(registry).inFlight).toBe(1);
    controller.abort();
    expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
    expect((await answered).status).toBe(200);
    expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
  });

  it('is recorded once as 499 when its request arrives already aborted', async () => {
    const registry = new Registry();
    await appWith(registry, () => new Response('late')).request('https://edge.example/slow', { signal: AbortSignal.abort() });
    expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
  });

  it('is recorded once as 499, with no error, when the handler throws after it left', async () => {
    const registry = new Registry();
    const controller = new AbortController();
    const app = appWith(registry, () => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    const answered = app.request('https://edge.example/slow', { signal: controller.signal });
    await sleep(5);
    controller.abort();
    expect(await (await answered).text()).toBe('handled: The operation was aborted.');
    expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
    expect(registry.metrics()).not.toContain('http_request_errors_total{');
  });

  it('is recorded once with the status the handler gave when it leaves while the body streams', async () => {
    const registry = new Registry();
    const controller = new AbortController();
    const body = new ReadableStream({ pull: () => sleep(10) });
    const response = await appWith(registry, () => new Response(body)).request('https://edge.example/slow', { signal: controller.signal });
    controller.abort();
    await response.body?.cancel();
    expect(recorded(registry)).toEqual({ requests: ['{method="GET",route="/slow",status_code="200"} 1'], inFlight: 0 });
  });

  it('is recorded once on a real socket when it leaves while a streamed body is sent', async () => {
    const registry = new Registry();
    const app = new Hono();
    app.use(prometheus({ registry }));
    app.get('/stream', (c) =>
      stream(c, async (body) => {
        for (let i = 0; i < 10; i++) {
          await body.write('x');
          await body.sleep(20);
        }
      }),
    );
    const server = await serveFetch((request) => app.fetch(request));
    try {
      await expect(fetch(`${server.url}/stream`, { signal: AbortSignal.timeout(50) }).then((r) => r.text())).rejects.toThrow();
      await sleep(300);
      expect(recorded(registry)).toEqual({ requests: ['{method="GET",route="/stream",status_code="200"} 1'], inFlight: 0 });
    } finally {
      await server.close();
    }
  });
});

it('records body sizes from Content-Length with sizes: true, and none for a body without one', async () => {
  const registry = new Registry();
  const app = new Hono();
  app.use(prometheus({ registry, sizes: true }));
  app.post('/echo', async (c) => c.body(`got ${await c.req.text()}`, 200, { 'content-length': '9' }));
  app.get('/plain', (c) => c.text('ok'));
  await app.request('/echo', { method: 'POST', body: 'hello', headers: { 'content-length': '5' } });
  await app.request('/plain');
  const text = registry.metrics();
  const posted = 'method="POST",route="/echo",status_code="200"';
  expect([sample(text, 'http_request_size_bytes_sum', posted), sample(text, 'http_response_size_bytes_sum', posted)]).toEqual([5, 9]);
  expect(sample(text, 'http_requests_total', 'method="GET",route="/plain",status_code="200"')).toBe(1);
  expect(text).not.toContain('http_response_size_bytes_count{method="GET"');
});
