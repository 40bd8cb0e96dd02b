// A Koa 3 server with @koa/router for the overhead benchmark: `node bench/servers/koa.mjs <variant> <port>`.
import Router from '@koa/router';
import Koa from 'koa';
import { cpuBody, ready, unknown, variantAndPort } from './cpu.mjs';

const { variant, port } = variantAndPort();
const app = new Koa();

if (variant === 'promkit') {
  const { prometheus } = await import('@promkit/koa');
  app.use(prometheus());
} else if (variant === 'noop') {
  app.use((_ctx, next) => next());
} else if (variant !== 'bare') {
  unknown(variant);
}

const router = new Router();
router.get('/__cpu', (ctx) => {
  ctx.type = 'json';
  ctx.body = cpuBody();
});
router.get('/users/:id', (ctx) => {
  ctx.body = { id: ctx.params.id, name: 'Ada' };
});
router.get('/orders/:orderId/items/:itemId', (ctx) => {
  ctx.body = ctx.params;
});
app.use(router.routes());

const server = app.listen(port, '127.0.0.1', () => ready(server));
