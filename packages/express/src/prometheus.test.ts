import { createServer } from 'node:http';
import { Registry } from '@promkit/core';
import { createHttpMetrics } from '@promkit/http';
import express5 from 'express';
// @ts-expect-error express4 is Express 4 under an npm alias; it shares Express 5's types well enough here.
import express4 from 'express4';
import { expect, it, vi } from 'vitest';
import { BoomError, describeAdapter, expectSmallScrapeAfterLongPaths, listen, sample } from '../../../test/adapters/suite';
import { prometheus } from './prometheus';

for (const [name, express] of [
  ['Express 4', express4 as typeof express5],
  ['Express 5', express5],
] as const) {
  describeAdapter(
    {
      name,
      errorBody: 'handled: boom',
      sizes: true,
      async start({ registry, exclude, sizes, exemplars }) {
        const app = express();
        app.use(prometheus({ registry, exclude, sizes, exemplars }));
        app.get('/users/:id', (_req, res) => {
          res.send('ok');
        });
        const api = express.Router();
        api.get('/items/:itemId', (_req, res) => {
          res.send('ok');
        });
        app.use('/api', api);
        app.get('/boom', () => {
          throw new BoomError('boom');
        });
        app.get('/slow', (_req, res) => {
          setTimeout(() => res.send('ok'), 300);
        });
        app.get('/health', (_req, res) => {
          res.send('ok');
        });
        app.use((error: Error, _req: express5.Request, res: express5.Response, _next: express5.NextFunction) => {
          res.status(500).send(`handled: ${error.message}`);
        });
        return listen(createServer(app));
      },
    },
    () => new Registry(),
  );

  it(`${name}: leaves the scrape elsewhere with path: false, and serves it with metricsHandler`, async () => {
    const registry = new Registry();
    const app = express();
    app.use(prometheus({ registry, path: false, exclude: [] }));
    app.get('/metrics', (_req, res) => {
      res.send('app-owned');
    });
    const server = await listen(createServer(app));
    try {
      expect(await (await fetch(`${server.url}/metrics`)).text()).toBe('app-owned');
      expect(sample(registry.metrics(), 'http_requests_total', 'method="GET",route="/metrics",status_code="200"')).toBe(1);
    } finally {
      await server.close();
    }
  });
  it(`${name}: labels a request a middleware answers without a route by its normalised path, a 404 by <unmatched>`, async () => {
    const registry = new Registry();
    const app = express();
    app.use(prometheus({ registry }));
    app.use((req, res, next) => (req.path.startsWith('/old/') ? res.redirect(301, '/new') : next()));
    const server = await listen(createServer(app));
    try {
      expect((await fetch(`${server.url}/old/42`, { redirect: 'manual' })).status).toBe(301);
      expect((await fetch(`${server.url}/missing/42`)).status).toBe(404);
      const text = registry.metrics();
      expect(sample(text, 'http_requests_total', 'method="GET",route="/old/:id",status_code="301"')).toBe(1);
      expect(sample(text, 'http_requests_total', 'method="GET",route="<unmatched>",status_code="404"')).toBe(1);
    } finally {
      await server.close();
    }
  });

  it(`${name}: keeps the scrape at a few KB when a catch-all middleware answers 100 distinct 14 KB paths`, async () => {
    const registry = new Registry();
    const app = express();
    app.use(prometheus({ registry }));
    app.use((_req, res) => {
      res.send('static file');
    });
    await expectSmallScrapeAfterLongPaths(await listen(createServer(app)), registry);
  });

  it(`${name}: reports its own failures through onInternalError and lets the request through`, async () => {
    const onInternalError = vi.fn();
    const broken = { ...createHttpMetrics({ registry: new Registry() }), start: () => { throw new Error('metrics broke'); }, onInternalError };
    const app = express();
    app.use(prometheus({ http: broken }));
    app.get('/users/:id', (_req, res) => {
      res.send('ok');
    });
    const server = await listen(createServer(app));
    try {
      const response = await fetch(`${server.url}/users/1`);
      expect([response.status, await response.text()]).toEqual([200, 'ok']);
      expect(onInternalError).toHaveBeenCalledWith(new Error('metrics broke'));
    } finally {
      await server.close();
    }
  });
}

it('labels the root route of a mounted router with its mount path', async () => {
  const registry = new Registry();
  const app = express5();
  app.use(prometheus({ registry }));
  const orders = express5.Router();
  orders.post('/', (_req, res) => {
    res.status(201).send('created');
  });
  app.use('/orders', orders);
  const server = await listen(createServer(app));
  try {
    expect((await fetch(`${server.url}/orders`, { method: 'POST' })).status).toBe(201);
    expect(sample(registry.metrics(), 'http_requests_total', 'method="POST",route="/orders",status_code="201"')).toBe(1);
  } finally {
    await server.close();
  }
});

it("keeps express-prom-bundle's label names with labelNames", async () => {
  const registry = new Registry();
  const app = express5();
  app.use(prometheus({ registry, labelNames: { route: 'path' } }));
  app.get('/users/:id', (_req, res) => {
    res.send('ok');
  });
  const server = await listen(createServer(app));
  try {
    await (await fetch(`${server.url}/users/7`)).text();
    expect(sample(registry.metrics(), 'http_requests_total', 'method="GET",path="/users/:id",status_code="200"')).toBe(1);
  } finally {
    await server.close();
  }
});
