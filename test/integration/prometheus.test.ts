// A real Prometheus (Debian's 2.42) scrapes two instrumented Express servers: one negotiating
// OpenMetrics as Prometheus asks, one held to text 0.0.4. What Prometheus stored is checked
// through its HTTP query API.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Registry } from '@promkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp } from '../../demo/app.mjs';
import { freePort } from './processes';
import { type Scraper, startScraper } from './scraper';

const N = 240;
const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';
const TEXT = 'text/plain; version=0.0.4; charset=utf-8';

interface Target {
  readonly job: string;
  readonly server: Server;
  readonly served: string[];
  url: string;
}

// Serves the demo app, noting the content type of every scrape answered; `text` hides the
// scraper's Accept header so that the app falls back to text 0.0.4.
async function target(job: string, text: boolean): Promise<Target> {
  const { app } = createDemoApp({ registry: new Registry() });
  const served: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/metrics')) {
      if (text) delete req.headers.accept;
      res.once('finish', () => served.push(String(res.getHeader('content-type'))));
    }
    app(req, res);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { job, server, served, url: `http://127.0.0.1:${port}` };
}

async function send(url: string, count: number, offset: number): Promise<void> {
  const concurrency = 16;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = offset + next++;
        const response = await fetch(`${url}/users/${i}`);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
    }),
  );
}

describe('a real Prometheus scraping promkit', () => {
  let prometheus: Scraper | undefined;
  const targets: Target[] = [];

  const query = async (expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> => {
    const response = await fetch(`${prometheus?.api}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
    expect(body.status).toBe('success');
    return body.data.result;
  };
  const waitFor = async (expr: string, ok: (value: number) => boolean, timeoutMs = 20_000): Promise<number> => {
    const deadline = Date.now() + timeoutMs;
    let last = Number.NaN;
    while (Date.now() < deadline) {
      const [first] = await query(expr);
      last = first ? Number(first.value[1]) : Number.NaN;
      if (ok(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${expr} was ${last} after ${timeoutMs} ms\n${prometheus?.output().slice(-2000)}`);
  };

  beforeAll(async () => {
    targets.push(await target('openmetrics', false), await target('text', true));
    prometheus = await startScraper(Object.fromEntries(targets.map((t) => [t.job, t.url.slice('http://'.length)])));
    // Two batches with a scrape between them, so that rate() has two different points.
    for (const t of targets) await send(t.url, N / 2, 0);
    for (const t of targets) await waitFor(`sum(http_requests_total{job="${t.job}"})`, (v) => v === N / 2);
    for (const t of targets) await send(t.url, N / 2, N / 2);
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    for (const t of targets) {
      t.server.closeAllConnections();
      await new Promise((resolve) => t.server.close(resolve));
    }
  });

  for (const [job, contentType] of [
    ['openmetrics', OPENMETRICS],
    ['text', TEXT],
  ] as const) {
    describe(`with ${job === 'text' ? 'text 0.0.4' : 'OpenMetrics'} negotiated`, () => {
      it('stores exactly the N requests sent', async () => {
        expect(await waitFor(`sum(http_requests_total{job="${job}"})`, (v) => v === N)).toBe(N);
        const [series] = await query(`http_requests_total{job="${job}"}`);
        expect(series?.metric).toMatchObject({ method: 'GET', route: '/users/:id', status_code: '200' });
      });

      it('answers histogram_quantile over the duration buckets with a number', async () => {
        const expr = `histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket{job="${job}"}[1m])))`;
        const p90 = await waitFor(expr, (v) => Number.isFinite(v));
        expect(p90).toBeGreaterThan(0);
        expect(p90).toBeLessThan(1);
      });

      it('has the breaker state series, exactly one of them 1', async () => {
        const states = await query(`circuit_breaker_state{job="${job}",name="inventory"}`);
        expect(states.map((s) => [s.metric.state, s.value[1]]).sort()).toEqual([
          ['closed', '1'],
          ['half_open', '0'],
          ['open', '0'],
        ]);
      });

      it('was served in the negotiated format', () => {
        const served = targets.find((t) => t.job === job)?.served ?? [];
        expect(served.length).toBeGreaterThan(1);
        expect(new Set(served)).toEqual(new Set([contentType]));
      });
    });
  }
});
