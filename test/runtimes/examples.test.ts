// The examples run: the Cloudflare Worker in workerd (through miniflare), remote-writing to a
// stand-in receiver that decodes the snappy + protobuf body, and the Hono app through Hono's own request helper.
import { Miniflare } from 'miniflare';
import { describe, expect, it } from 'vitest';
import app from '../../examples/hono/app';
import { type DecodedSeries, decodeBody } from '../../packages/remote-write/test/decode';
import { bundleNeutral } from './bundle';

describe('examples/cloudflare-worker', () => {
  it('serves requests in workerd and remote-writes its metrics after each one, with its own instance label', async () => {
    const script = await bundleNeutral({ entry: new URL('../../examples/cloudflare-worker/worker.ts', import.meta.url).pathname });
    const writes: { url: string; headers: Record<string, string>; series: DecodedSeries[] }[] = [];
    const mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2025-09-01',
      bindings: { REMOTE_WRITE_URL: 'http://receiver.test/api/v1/write' },
      // The Worker's outgoing requests (its writes) come here instead of the network.
      outboundService: async (request) => {
        const headers: Record<string, string> = {};
        request.headers.forEach((value, name) => (headers[name] = value));
        writes.push({ url: request.url, headers, series: decodeBody(new Uint8Array(await request.arrayBuffer())) });
        return new Response(null, { status: 204 });
      },
    });
    try {
      expect((await mf.dispatchFetch('http://edge.test/users/7')).status).toBe(200);
      expect((await mf.dispatchFetch('http://edge.test/wp-login.php')).status).toBe(404);
      for (let i = 0; i < 100 && writes.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(writes).toHaveLength(2);
      expect(writes[0]!.url).toBe('http://receiver.test/api/v1/write');
      expect(writes[0]!.headers).toMatchObject({ 'content-encoding': 'snappy', 'content-type': 'application/x-protobuf', 'x-prometheus-remote-write-version': '0.1.0' });
      const requests = (write: (typeof writes)[number]) => write.series.filter((s) => s.labels.__name__ === 'http_requests_total');
      const [first] = requests(writes[0]!);
      expect(first!.labels).toEqual({ __name__: 'http_requests_total', app: 'edge-api', instance: expect.stringMatching(/^[0-9a-f-]{36}$/), job: 'edge-api', method: 'GET', route: '/users/:id', status_code: '200' });
      expect(first!.samples.map((s) => s.value)).toEqual([0, 1]);
      const second = requests(writes[1]!);
      expect(second.map((s) => [s.labels.route, s.labels.instance, s.samples.at(-1)!.value])).toEqual([
        ['/users/:id', first!.labels.instance, 1],
        ['<unmatched>', first!.labels.instance, 1],
      ]);
      expect(second[0]!.samples[0]!.timestamp).toBeGreaterThan(first!.samples.at(-1)!.timestamp);
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
