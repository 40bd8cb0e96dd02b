import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Registry } from '@promkit/core';
import { valueOf } from '@promkit/parse';
import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { prometheus } from './prometheus';

// On @hono/node-server the middleware watches Node's response instead of `request.signal`
// (which costs the server an AbortController per request): a client that leaves must still
// be recorded once, as 499, and one that stays with its status.
it('records a client that leaves as 499 and one that stays with its status, on @hono/node-server', async () => {
  const registry = new Registry();
  const app = new Hono();
  app.use(prometheus({ registry }));
  app.get('/slow', async (c) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return c.text('ok');
  });
  app.get('/fast', (c) => c.text('ok'));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    expect((await fetch(`${url}/fast`)).status).toBe(200);
    await expect(fetch(`${url}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    const deadline = Date.now() + 3000;
    const count = (status: string) => valueOf(registry.metrics(), 'http_requests_total', { method: 'GET', route: '/slow', status_code: status });
    while (count('499') === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 400)); // the handler answers after the client left
    const text = registry.metrics();
    expect(count('499')).toBe(1);
    expect(count('200')).toBeUndefined();
    expect(valueOf(text, 'http_requests_total', { method: 'GET', route: '/fast', status_code: '200' })).toBe(1);
    expect(valueOf(text, 'http_requests_in_flight')).toBe(0);
  } finally {
    server.close();
  }
});
