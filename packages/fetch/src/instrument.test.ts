import { Registry } from '@promkit/core';
import { expect, it } from 'vitest';
import { serveFetch } from '../../../test/adapters/fetch-server';
import { BoomError, describeAdapter, routeOfPath, sample } from '../../../test/adapters/suite';
import { instrument } from './instrument';
import { metricsHandler } from './metrics-handler';

const routeOf = (request: Request): string | undefined => routeOfPath(request.method, new URL(request.url).pathname);

describeAdapter(
  {
    name: 'fetch',
    errorBody: 'handled: boom',
    start({ registry, exclude }) {
      const scrape = metricsHandler({ registry });
      const app = instrument(
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

it('passes extra handler arguments through (env and ctx of a Worker)', async () => {
  const registry = new Registry();
  const handler = instrument((_request: Request, env: { greeting: string }, ctx: { id: number }) => new Response(`${env.greeting} ${ctx.id}`), { registry });
  const response = await handler(new Request('https://worker.example/hello/1234567890abcdef1'), { greeting: 'hi' }, { id: 7 });
  expect(await response.text()).toBe('hi 7');
  expect(sample(registry.metrics(), 'http_requests_total', 'method="GET",route="/hello/:id",status_code="200"')).toBe(1);
});

it('answers HEAD scrapes without a body', async () => {
  const response = await metricsHandler({ registry: new Registry() })(new Request('https://x/metrics', { method: 'HEAD' }));
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  expect(await response.text()).toBe('');
});
