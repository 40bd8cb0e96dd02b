import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Registry } from '@promkit/core';
import { pathOf } from '@promkit/http';
import { expect, it } from 'vitest';
import { openSocket, rawGet } from '../../../test/adapters/raw-client';
import { BoomError, describeAdapter, expectSmallScrapeAfterLongPaths, listen, routeOfPath, sample, scrapeUntil } from '../../../test/adapters/suite';
import { instrumentHandler } from './instrument-handler';
import { metricsHandler } from './metrics-handler';

// A hand-rolled router, as plain node:http apps have: it knows its templates, so it tells instrumentHandler.
const routeOf = (req: IncomingMessage): string | undefined => routeOfPath(req.method, pathOf(req.url ?? '/'));

// node:http keeps no Content-Length header for `res.end(body)` or `writeHead(status, headers)`:
// apps that want response sizes set it with setHeader.
const send = (res: ServerResponse, status: number, body: string): void => {
  res.statusCode = status;
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
};

describeAdapter(
  {
    name: 'node:http',
    errorBody: 'handled: boom',
    sizes: true,
    async start({ registry, exclude, sizes, exemplars }) {
      const scrape = metricsHandler({ registry });
      const app = instrumentHandler(
        async (req, res) => {
          if (pathOf(req.url ?? '/') === '/metrics') return scrape(req, res);
          const route = routeOf(req);
          if (route === '/boom') throw new BoomError('boom');
          if (route === '/slow') await new Promise((resolve) => setTimeout(resolve, 300));
          send(res, route ? 200 : 404, route ? 'ok' : 'not found');
        },
        { registry, exclude, sizes, exemplars, route: routeOf },
      );
      // The app's own error handling, outside the instrumented handler.
      return listen(
        createServer((req, res) => {
          app(req, res).catch((error: Error) => send(res, 500, `handled: ${error.message}`));
        }),
      );
    },
  },
  () => new Registry(),
);

it('passes a synchronous throw through unchanged after counting it', async () => {
  const registry = new Registry();
  const handler = instrumentHandler(
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

it('records requests pipelined behind a request that never answers as 499 when the client leaves', async () => {
  const registry = new Registry();
  const app = instrumentHandler((req, res) => (req.url === '/hang' ? undefined : res.end('ok')), { registry });
  const server = await listen(createServer(app));
  const scrape = async () => registry.metrics();
  try {
    const socket = await openSocket(server.url);
    socket.write(rawGet('/hang') + rawGet('/ok') + rawGet('/ok') + rawGet('/ok'));
    await scrapeUntil(scrape, (t) => sample(t, 'http_requests_in_flight') === 4, 'the server to take in 4 pipelined requests');
    socket.destroy();
    const text = await scrapeUntil(scrape, (t) => sample(t, 'http_requests_in_flight') === 0, 'in-flight to fall back to 0');
    expect(sample(text, 'http_requests_total', 'method="GET",route="/hang",status_code="499"')).toBe(1);
    expect(sample(text, 'http_requests_total', 'method="GET",route="/ok",status_code="499"')).toBe(3);
  } finally {
    await server.close();
  }
});

it('records pipelined requests with their status once the hung one answers', async () => {
  const registry = new Registry();
  let release = (): void => {};
  const app = instrumentHandler(
    (req, res) => {
      if (req.url === '/wait') release = () => res.end('late');
      else res.end('ok');
    },
    { registry },
  );
  const server = await listen(createServer(app));
  const scrape = async () => registry.metrics();
  try {
    const socket = await openSocket(server.url);
    socket.resume();
    socket.write(rawGet('/wait') + rawGet('/ok') + rawGet('/ok'));
    await scrapeUntil(scrape, (t) => sample(t, 'http_requests_in_flight') === 3, 'the server to take in 3 pipelined requests');
    release();
    const text = await scrapeUntil(scrape, (t) => sample(t, 'http_requests_in_flight') === 0, 'the queued responses to be sent');
    socket.destroy();
    expect(sample(text, 'http_requests_total', 'method="GET",route="/wait",status_code="200"')).toBe(1);
    expect(sample(text, 'http_requests_total', 'method="GET",route="/ok",status_code="200"')).toBe(2);
    expect(socket.listenerCount('close')).toBeLessThanOrEqual(1);
  } finally {
    await server.close();
  }
});

it('keeps the scrape at a few KB after 100 requests for distinct 14 KB paths that no router matched', async () => {
  const registry = new Registry();
  await expectSmallScrapeAfterLongPaths(await listen(createServer(instrumentHandler((_req, res) => res.end('static file'), { registry }))), registry);
});

it('records a response the client leaves while its body streams as 499', async () => {
  const registry = new Registry();
  const app = instrumentHandler((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first chunk of a long download\n');
  }, { registry });
  const server = await listen(createServer(app));
  try {
    const socket = await openSocket(server.url);
    const headSeen = new Promise((resolve) => socket.once('data', resolve));
    socket.write(rawGet('/download'));
    await headSeen;
    socket.destroy();
    const text = await scrapeUntil(async () => registry.metrics(), (t) => sample(t, 'http_requests_in_flight') === 0, 'the download to leave in-flight');
    expect(sample(text, 'http_requests_total', 'method="GET",route="/download",status_code="499"')).toBe(1);
  } finally {
    await server.close();
  }
});
