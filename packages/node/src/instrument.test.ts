import { createServer, type IncomingMessage } from 'node:http';
import { Registry } from '@promkit/core';
import { expect, it } from 'vitest';
import { BoomError, describeAdapter, listen, routeOfPath, sample } from '../../../test/adapters/suite';
import { instrument } from './instrument';
import { metricsHandler } from './metrics-handler';

// A hand-rolled router, as plain node:http apps have: it knows its templates, so it tells instrument.
const routeOf = (req: IncomingMessage): string | undefined => routeOfPath(req.method, (req.url ?? '/').split('?')[0] as string);

describeAdapter(
  {
    name: 'node:http',
    errorBody: 'handled: boom',
    async start({ registry, exclude }) {
      const scrape = metricsHandler({ registry });
      const app = instrument(
        async (req, res) => {
          if (req.url === '/metrics') return scrape(req, res);
          const route = routeOf(req);
          if (route === '/boom') throw new BoomError('boom');
          if (route === '/slow') await new Promise((resolve) => setTimeout(resolve, 300));
          res.statusCode = route ? 200 : 404;
          res.end(route ? 'ok' : 'not found');
        },
        { registry, exclude, route: routeOf },
      );
      // The app's own error handling, outside the instrumented handler.
      return listen(
        createServer((req, res) => {
          app(req, res).catch((error: Error) => {
            res.statusCode = 500;
            res.end(`handled: ${error.message}`);
          });
        }),
      );
    },
  },
  () => new Registry(),
);

it('passes a synchronous throw through unchanged after counting it', async () => {
  const registry = new Registry();
  const handler = instrument(
    () => {
      throw new RangeError('sync');
    },
    { registry },
  );
  const server = await listen(
    createServer((req, res) => {
      try {
        handler(req, res);
      } catch (error) {
        res.statusCode = 503;
        res.end((error as Error).message);
      }
    }),
  );
  try {
    const response = await fetch(`${server.url}/x/1`);
    expect([response.status, await response.text()]).toEqual([503, 'sync']);
    const text = registry.metrics();
    expect(sample(text, 'http_request_errors_total', 'error_type="RangeError",route="/x/:id"')).toBe(1);
    expect(sample(text, 'http_requests_total', 'method="GET",route="/x/:id",status_code="503"')).toBe(1);
  } finally {
    await server.close();
  }
});
