// One Fastify 5 server for the overhead benchmark: `node bench/servers/fastify.mjs <variant> <port>`.
// Every variant serves the same routes; only the metrics plugin differs. fastify-metrics 13.2
// is the newest that runs on Node 20 (14 needs Node >= 22.19). The `noop-onrequest`,
// `route-options` and `res-close` variants split what promkit's plugin costs.
import Fastify from 'fastify';
import { cpuBody, unknown, variantAndPort } from './cpu.mjs';

const { variant, port } = variantAndPort();
const app = Fastify();

if (variant === 'promkit') {
  const { prometheus } = await import('@promkit/fastify');
  await app.register(prometheus);
} else if (variant === 'fastify-metrics') {
  const { default: metrics } = await import('fastify-metrics');
  await app.register(metrics, { endpoint: '/metrics' });
} else if (variant === 'noop') {
  // The floor: what a no-op onRequest + onResponse hook pair costs Fastify.
  app.addHook('onRequest', (_request, _reply, done) => done());
  app.addHook('onResponse', (_request, _reply, done) => done());
} else if (variant === 'noop-onrequest') {
  app.addHook('onRequest', (_request, _reply, done) => done());
} else if (variant === 'route-options') {
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.url === '') throw new Error('unreachable');
    done();
  });
} else if (variant === 'res-close') {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.raw.on('close', () => {});
    done();
  });
} else if (variant !== 'bare') {
  unknown(variant);
}

app.get('/__cpu', { config: { metrics: false } }, async (_request, reply) => reply.type('application/json').send(cpuBody()));
app.get('/users/:id', async (request) => ({ id: request.params.id, name: 'Ada' }));
app.get('/orders/:orderId/items/:itemId', async (request) => request.params);

await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
