// Serves the example on port 3000: `PLATFORM=fastify` for Fastify, Express otherwise.
import { createExpressApp } from './express';
import { createFastifyApp } from './fastify';

const app = process.env.PLATFORM === 'fastify' ? await createFastifyApp() : await createExpressApp();
await app.listen(3000, '127.0.0.1');
console.log(`listening on ${await app.getUrl()}, metrics at /metrics`);
