// One Fastify 5 server for the overhead benchmark: `node bench/fastify-server.mjs <variant> <port>`.
// Every variant serves the same routes; only the metrics plugin differs.
import Fastify from 'fastify';

const [variant, port] = process.argv.slice(2);
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
  // One no-op onRequest hook: the Fastify part of what promkit's plugin adds.
  app.addHook('onRequest', (_request, _reply, done) => done());
} else if (variant === 'route-options') {
  // An onRequest hook reading the route template the way promkit's plugin does.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.url === '') throw new Error('unreachable');
    done();
  });
} else if (variant === 'res-close') {
  // An onRequest hook that listens for the response's close, as node's trackRequest does.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.raw.on('close', () => {});
    done();
  });
} else if (variant !== 'bare') {
  throw new Error(`unknown variant ${variant}`);
}

// CPU time of this process so far, read before and after the measured load.
app.get('/__cpu', { config: { metrics: false } }, async () => {
  const { user, system } = process.cpuUsage();
  return { micros: user + system };
});
app.get('/users/:id', async (request) => ({ id: request.params.id, name: 'Ada' }));
app.get('/orders/:orderId/items/:itemId', async (request) => request.params);

await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
