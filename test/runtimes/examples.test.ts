// The examples run: the Cloudflare Worker in workerd (through miniflare), pushing to a stand-in
// Pushgateway, and the Hono app through Hono's own request helper.
import { Miniflare } from 'miniflare';
import { describe, expect, it } from 'vitest';
import app from '../../examples/hono/app';
import { bundleNeutral } from './bundle';

interface Push {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}

describe('examples/cloudflare-worker', () => {
  it('serves requests in workerd and pushes its metrics to its own group after each one and on cron', async () => {
    const script = await bundleNeutral({ entry: new URL('../../examples/cloudflare-worker/worker.ts', import.meta.url).pathname });
    const pushes: Push[] = [];
    const mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2025-09-01',
      bindings: { PUSHGATEWAY_URL: 'http://pushgateway.test:9091' },
      // The Worker's outgoing requests (its pushes) come here instead of the network.
      outboundService: async (request) => {
        pushes.push({ method: request.method, url: request.url, body: await request.text() });
        return new Response(null, { status: 200 });
      },
    });
    try {
      expect((await mf.dispatchFetch('http://edge.test/users/7')).status).toBe(200);
      expect((await mf.dispatchFetch('http://edge.test/wp-login.php')).status).toBe(404);
      const worker = await mf.getWorker();
      await (worker as unknown as { scheduled(options: { cron: string }): Promise<unknown> }).scheduled({ cron: '* * * * *' });
      for (let i = 0; i < 100 && pushes.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(pushes).toHaveLength(3);
      const group = /^http:\/\/pushgateway\.test:9091\/metrics\/job\/edge-api\/instance\/[0-9a-f-]{36}$/;
      for (const push of pushes) {
        expect(push.method).toBe('PUT');
        expect(push.url).toMatch(group);
      }
      expect(new Set(pushes.map((p) => p.url)).size).toBe(1);
      const last = pushes[2]?.body ?? '';
      expect(last).toContain('http_requests_total{method="GET",route="/users/:id",status_code="200",app="edge-api"} 1\n');
      expect(last).toContain('http_requests_total{method="GET",route="<unmatched>",status_code="404",app="edge-api"} 1\n');
    } finally {
      await mf.dispose();
    }
  });
});

describe('examples/hono', () => {
  it('labels requests with Hono route paths, sub-apps included, and serves the scrape', async () => {
    await app.request('/posts/1');
    await app.request('/posts/2');
    await app.request('/admin/posts', { method: 'POST' });
    await app.request('/healthz');
    const scrape = await app.request('/metrics');
    expect(scrape.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await scrape.text();
    expect(text).toContain('http_requests_total{method="GET",route="/posts/:id",status_code="200"} 2\n');
    expect(text).toContain('http_requests_total{method="POST",route="/admin/posts",status_code="201"} 1\n');
    expect(text).not.toContain('healthz');
  });
});
