import { createServer } from 'node:http';
import Router from '@koa/router';
import { Registry } from '@promkit/core';
import Koa3 from 'koa';
// @ts-expect-error koa2 is Koa 2 under an npm alias; Koa 3's types describe it well enough here.
import Koa2 from 'koa2';
import { expect, it } from 'vitest';
import { BoomError, describeAdapter, expectSmallScrapeAfterLongPaths, listen, sample } from '../../../test/adapters/suite';
import { metricsHandler, prometheus } from './prometheus';

for (const [name, Koa] of [
  ['Koa 2', Koa2 as typeof Koa3],
  ['Koa 3', Koa3],
] as const) {
  describeAdapter(
    {
      name,
      // Koa's own error handling: the status message, the error reported on the app.
      errorBody: 'Internal Server Error',
      sizes: true,
      async start({ registry, exclude, sizes, exemplars }) {
        const app = new Koa();
        app.silent = true;
        app.use(prometheus({ registry, exclude, sizes, exemplars }));
        const router = new Router();
        router.get('/users/:id', (ctx) => {
          ctx.body = 'ok';
        });
        router.get('/boom', () => {
          throw new BoomError('boom');
        });
        router.get('/slow', async (ctx) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          ctx.body = 'ok';
        });
        router.get('/health', (ctx) => {
          ctx.body = 'ok';
        });
        const api = new Router({ prefix: '/api' });
        api.get('/items/:itemId', (ctx) => {
          ctx.body = 'ok';
        });
        app.use(router.routes()).use(api.routes());
        return listen(createServer(app.callback()));
      },
    },
    () => new Registry(),
  );

  it(`${name}: serves the scrape on a route of the app's choosing with metricsHandler`, async () => {
    const registry = new Registry();
    const app = new Koa();
    app.use(prometheus({ registry, path: false, exclude: ['/internal/metrics'] }));
    const router = new Router();
    router.get('/internal/metrics', metricsHandler({ registry }));
    app.use(router.routes());
    const server = await listen(createServer(app.callback()));
    try {
      await fetch(`${server.url}/nothing`);
      const response = await fetch(`${server.url}/internal/metrics`);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await response.text();
      expect(sample(text, 'http_requests_total', 'method="GET",route="<unmatched>",status_code="404"')).toBe(1);
      expect(text).not.toContain('internal');
    } finally {
      await server.close();
    }
  });

  it(`${name}: keeps the scrape at a few KB when a catch-all middleware answers 100 distinct 14 KB paths`, async () => {
    const registry = new Registry();
    const app = new Koa();
    app.use(prometheus({ registry }));
    app.use((ctx) => {
      ctx.body = 'static file';
    });
    await expectSmallScrapeAfterLongPaths(await listen(createServer(app.callback())), registry);
  });
}
