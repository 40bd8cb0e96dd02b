// A Hono app on Node (@hono/node-server) for the overhead benchmark: `node bench/servers/hono.mjs <variant> <port>`.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cpuBody, ready, unknown, variantAndPort } from './cpu.mjs';

const { variant, port } = variantAndPort();
const app = new Hono();

if (variant === 'promkit') {
  const { prometheus } = await import('@promkit/hono');
  app.use(prometheus());
} else if (variant === 'noop') {
  app.use((_c, next) => next());
} else if (variant !== 'bare') {
  unknown(variant);
}

app.get('/__cpu', (c) => c.body(cpuBody(), 200, { 'content-type': 'application/json' }));
app.get('/users/:id', (c) => c.json({ id: c.req.param('id'), name: 'Ada' }));
app.get('/orders/:orderId/items/:itemId', (c) => c.json(c.req.param()));

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => ready(server));
