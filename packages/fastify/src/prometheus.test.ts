import { Registry } from '@promkit/core';
import Fastify5, { type FastifyInstance } from 'fastify';
// fastify4 is Fastify 4 under an npm alias; Fastify 5's types describe it well enough here.
import Fastify4 from 'fastify4';
import { afterEach, describe, expect, it } from 'vitest';
import { BoomError, describeAdapter, listen, type RunningApp, sample } from '../../../test/adapters/suite';
import { metricsHandler, prometheus } from './prometheus';

// Fastify's default error handler answers a thrown error with its JSON.
const ERROR_BODY = '{"statusCode":500,"error":"Internal Server Error","message":"boom"}';

async function serve(app: FastifyInstance): Promise<RunningApp> {
  await app.ready();
  return listen(app.server);
}

for (const [name, Fastify] of [
  ['Fastify 4', Fastify4 as unknown as typeof Fastify5],
  ['Fastify 5', Fastify5],
] as const) {
  describeAdapter(
    {
      name,
      errorBody: ERROR_BODY,
      async start({ registry, exclude, exemplars }) {
        const app = Fastify();
        await app.register(prometheus, { registry, exclude, exemplars });
        app.get('/users/:id', async () => 'ok');
        await app.register(
          async (api) => {
            api.get('/items/:itemId', async () => 'ok');
          },
          { prefix: '/api' },
        );
        app.get('/boom', () => {
          throw new BoomError('boom');
        });
        app.get('/slow', async () => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          return 'ok';
        });
        app.get('/health', async () => 'ok');
        return serve(app);
      },
    },
    () => new Registry(),
  );

  describe(`${name} plugin`, () => {
    let server: RunningApp | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });
    const start = async (build: (app: FastifyInstance, registry: Registry) => Promise<void> | void) => {
      const registry = new Registry();
      const app = Fastify();
      await build(app, registry);
      server = await serve(app);
      return { registry, get: (path: string, init?: RequestInit) => fetch(`${server!.url}${path}`, init) };
    };

    it('counts an error sent with reply.send(error) with its class and route', async () => {
      const { registry, get } = await start(async (app, registry) => {
        await app.register(prometheus, { registry });
        app.get('/orders/:id', (_request, reply) => {
          reply.send(new RangeError('no such order'));
        });
      });
      expect((await get('/orders/7')).status).toBe(500);
      const text = registry.metrics();
      expect(sample(text, 'http_requests_total', 'method="GET",route="/orders/:id",status_code="500"')).toBe(1);
      expect(sample(text, 'http_request_errors_total', 'error_type="RangeError",route="/orders/:id"')).toBe(1);
    });

    it('counts an error thrown by an async handler or an app hook, with the route it was on', async () => {
      const { registry, get } = await start(async (app, registry) => {
        await app.register(prometheus, { registry });
        app.addHook('preHandler', async (request) => {
          if (request.headers['x-fail'] === 'hook') throw new TypeError('bad hook');
        });
        app.get('/async/:id', async () => {
          throw new BoomError('async boom');
        });
      });
      expect((await get('/async/1')).status).toBe(500);
      expect((await get('/async/2', { headers: { 'x-fail': 'hook' } })).status).toBe(500);
      const text = registry.metrics();
      expect(sample(text, 'http_requests_total', 'method="GET",route="/async/:id",status_code="500"')).toBe(2);
      expect(sample(text, 'http_request_errors_total', 'error_type="BoomError",route="/async/:id"')).toBe(1);
      expect(sample(text, 'http_request_errors_total', 'error_type="TypeError",route="/async/:id"')).toBe(1);
    });

    it("records a request an app's onRequest hook answers early, with its status and route", async () => {
      const { registry, get } = await start(async (app, registry) => {
        await app.register(prometheus, { registry });
        app.addHook('onRequest', async (_request, reply) => reply.code(401).send('no'));
        app.get('/private/:id', async () => 'secret');
      });
      expect((await get('/private/1')).status).toBe(401);
      expect(sample(registry.metrics(), 'http_requests_total', 'method="GET",route="/private/:id",status_code="401"')).toBe(1);
    });

    it('does not record a route whose config says metrics: false', async () => {
      const { registry, get } = await start(async (app, registry) => {
        await app.register(prometheus, { registry });
        app.get('/ready', { config: { metrics: false } }, async () => 'ok');
        app.get('/users/:id', async () => 'ok');
      });
      await (await get('/ready')).text();
      await (await get('/users/1')).text();
      const text = registry.metrics();
      expect(text).not.toContain('route="/ready"');
      expect(sample(text, 'http_requests_total', 'method="GET",route="/users/:id",status_code="200"')).toBe(1);
    });

    it('labels a 404 sent by a matched route with its template, and anything the not-found handler answers <unmatched>', async () => {
      const { registry, get } = await start(async (app, registry) => {
        await app.register(prometheus, { registry });
        app.get('/users/:id', async (_request, reply) => reply.code(404).send('no such user'));
        app.setNotFoundHandler(async (_request, reply) => reply.code(200).send('index.html'));
      });
      expect((await get('/users/9')).status).toBe(404);
      expect((await get('/some/client/route')).status).toBe(200);
      const text = registry.metrics();
      expect(sample(text, 'http_requests_total', 'method="GET",route="/users/:id",status_code="404"')).toBe(1);
      expect(sample(text, 'http_requests_total', 'method="GET",route="<unmatched>",status_code="200"')).toBe(1);
      expect(text).not.toContain('/some/client');
    });

    it('records routes declared before the plugin was registered', async () => {
      const { registry, get } = await start(async (app, registry) => {
        app.get('/early/:id', async () => 'ok');
        await app.register(prometheus, { registry });
      });
      await (await get('/early/1')).text();
      expect(sample(registry.metrics(), 'http_requests_total', 'method="GET",route="/early/:id",status_code="200"')).toBe(1);
    });

    it("registered inside a plugin, records that plugin's routes only and serves the scrape under its prefix", async () => {
      const { registry, get } = await start(async (app, registry) => {
        app.get('/outside', async () => 'ok');
        await app.register(
          async (api) => {
            await api.register(prometheus, { registry });
            api.get('/items/:id', async () => 'ok');
          },
          { prefix: '/api' },
        );
      });
      await (await get('/outside')).text();
      await (await get('/api/items/1')).text();
      expect((await get('/metrics')).status).toBe(404);
      const text = await (await get('/api/metrics')).text();
      expect(sample(text, 'http_requests_total', 'method="GET",route="/api/items/:id",status_code="200"')).toBe(1);
      expect(text).not.toContain('route="/outside"');
      expect(text).toBe(registry.metrics());
    });

    it('leaves /metrics to the app with path: false, and serves the scrape with metricsHandler', async () => {
      const { registry, get } = await start(async (app, registry) => {
        await app.register(prometheus, { registry, path: false, exclude: [] });
        app.get('/metrics', async () => 'app-owned');
        app.get('/internal/metrics', { config: { metrics: false } }, metricsHandler({ registry }));
      });
      expect(await (await get('/metrics')).text()).toBe('app-owned');
      const response = await get('/internal/metrics');
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(sample(text, 'http_requests_total', 'method="GET",route="/metrics",status_code="200"')).toBe(1);
      expect(text).not.toContain('/internal/metrics');
      expect(registry.metrics()).toBe(text);
    });

    it('answers HEAD /metrics without a body', async () => {
      const { get } = await start(async (app, registry) => {
        await app.register(prometheus, { registry });
      });
      const response = await get('/metrics', { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(await response.text()).toBe('');
    });
  });
}
