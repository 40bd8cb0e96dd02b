import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Registry } from '@promkit/core';
import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { serveFetch } from '../../../test/adapters/fetch-server';
import { describeLeavingClients, sleep, streamedBody } from '../../../test/adapters/leaving-clients';
import { BoomError, describeAdapter, listen, sample } from '../../../test/adapters/suite';
import { prometheus } from './prometheus';

// Every check on both targets: a fetch runtime (a Request per request, its signal aborted when
// the client leaves) and Node through @hono/node-server (the middleware watches Node's response).
for (const [name, serve] of [
  ['Hono', (app: Hono) => serveFetch((request) => app.fetch(request))],
  ['Hono on @hono/node-server', (app: Hono) => listen(createAdaptorServer({ fetch: app.fetch }) as Server)],
] as const) {
  describeAdapter(
    {
      name,
      errorBody: 'handled: boom',
      start({ registry, exclude, exemplars }) {
        const app = new Hono();
        app.use(prometheus({ registry, exclude, exemplars }));
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
        return serve(app);
      },
    },
    () => new Registry(),
  );
}

describeLeavingClients(
  {
    name: 'Hono',
    app: (registry, answer) => {
      const app = new Hono();
      app.use(prometheus({ registry }));
      app.get('/slow', async () => {
        await sleep(30);
        return answer();
      });
      app.get('/stream', (c) => c.body(streamedBody()));
      app.onError((error, c) => c.text(`handled: ${error.message}`, 500));
      return async (request) => app.fetch(request);
    },
  },
  () => new Registry(),
);

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
