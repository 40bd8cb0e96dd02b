// A Hono app with HTTP metrics and /metrics, runnable as is on Bun (`bun run app.ts`), Deno
// (`deno serve app.ts`), Cloudflare Workers (`export default app`), or Node with @hono/node-server.
import { prometheus } from '@promkit/hono';
import { Hono } from 'hono';

const app = new Hono();

// First, so that it sees every request; it serves the scrape at /metrics itself.
app.use(prometheus({ exclude: ['/metrics', '/healthz'] }));

app.get('/healthz', (c) => c.text('ok'));
app.get('/posts/:id', (c) => c.json({ id: c.req.param('id'), title: 'Hello' }));
const admin = new Hono();
admin.post('/posts', (c) => c.json({ created: true }, 201));
app.route('/admin', admin);

export default app;
