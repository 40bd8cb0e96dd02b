// A node:http server for the overhead benchmark with a hand-written router, as plain
// node:http apps have: `node bench/servers/node.mjs <variant> <port>`.
import { createServer } from 'node:http';
import { cpuBody, ready, unknown, variantAndPort } from './cpu.mjs';

const { variant, port } = variantAndPort();

const routeOf = (url) => (url.startsWith('/users/') ? '/users/:id' : url.startsWith('/orders/') ? '/orders/:orderId/items/:itemId' : undefined);
function app(req, res) {
  if (req.url === '/__cpu') return res.writeHead(200, { 'content-type': 'application/json' }).end(cpuBody());
  const route = routeOf(req.url ?? '/');
  if (!route) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ route, name: 'Ada' }));
}

let handler = app;
if (variant === 'promkit') {
  const { instrumentHandler } = await import('@promkit/node');
  handler = instrumentHandler(app, { route: (req) => routeOf(req.url ?? '/') });
} else if (variant === 'noop') {
  handler = (req, res) => app(req, res);
} else if (variant !== 'bare') {
  unknown(variant);
}

const server = createServer(handler).listen(port, '127.0.0.1', () => ready(server));
