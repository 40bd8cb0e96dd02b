// One Express 5 server for the overhead benchmark: `node bench/servers/express.mjs <variant> <port>`.
// Every variant serves the same routes; only the metrics middleware differs.
import express from 'express';
import { cpuBody, ready, unknown, variantAndPort } from './cpu.mjs';

const { variant, port } = variantAndPort();
const app = express();

if (variant === 'promkit') {
  const { prometheus } = await import('@promkit/express');
  app.use(prometheus());
} else if (variant === 'express-prom-bundle') {
  const { default: promBundle } = await import('express-prom-bundle');
  app.use(promBundle({ includeMethod: true, includePath: true, includeStatusCode: true }));
} else if (variant === '@promster/express') {
  const { createMiddleware } = await import('@promster/express');
  app.use(createMiddleware({ app }));
} else if (variant === 'noop') {
  // The reference: what any middleware at all costs Express.
  app.use((_req, _res, next) => next());
} else if (variant !== 'bare') {
  unknown(variant);
}

app.get('/__cpu', (_req, res) => res.type('json').send(cpuBody()));
app.get('/users/:id', (req, res) => res.json({ id: req.params.id, name: 'Ada' }));
app.get('/orders/:orderId/items/:itemId', (req, res) => res.json(req.params));

const server = app.listen(port, '127.0.0.1', () => ready(server));
