// The exemplar checks of the shared adapter suite: with `exemplars: 'traceparent'`, a request's
// sampled W3C traceparent shows in the OpenMetrics scrape on its request counter and on the
// duration bucket it fell in; any other header (unsampled, invalid, missing, hostile) gives none.
import type { Registry } from '@promkit/core';
import { parse, type Sample } from '@promkit/parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange } from './raw-client';
import type { AdapterUnderTest, RunningApp } from './suite';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';
const SAMPLED = `00-${TRACE}-${SPAN}-01`;
const OM_ACCEPT = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';

// The counter sample and the duration buckets of one series of an OpenMetrics scrape.
function seriesOf(om: string, route: string, status: number): { count: Sample | undefined; buckets: Sample[] } {
  const samples = parse(om).flatMap((family) => family.samples);
  const ours = (s: Sample) => s.labels.method === 'GET' && s.labels.route === route && s.labels.status_code === String(status);
  return {
    count: samples.find((s) => s.name === 'http_requests_total' && ours(s)),
    buckets: samples.filter((s) => s.name === 'http_request_duration_seconds_bucket' && ours(s)),
  };
}

// A GET on a new connection with raw header lines, as no fetch client would send them.
const rawGet = (url: string, path: string, headers: string) => exchange(url, `GET ${path} HTTP/1.1\r\nHost: localhost\r\n${headers}connection: close\r\n\r\n`);

/** Runs the exemplar checks against a fresh app of `adapter` started with `exemplars: 'traceparent'`. */
export function exemplarChecks(adapter: AdapterUnderTest, newRegistry: () => Registry): void {
  describe(`${adapter.name} adapter with exemplars: 'traceparent'`, () => {
    let app: RunningApp;
    const get = (path: string, init?: RequestInit) => fetch(`${app.url}${path}`, init);
    const scrape = async (accept = OM_ACCEPT) => (await get('/metrics', { headers: { accept } })).text();

    beforeAll(async () => {
      app = await adapter.start({ registry: newRegistry(), exclude: ['/metrics', '/health'], sizes: false, exemplars: 'traceparent' });
    });
    afterAll(() => app?.close());

    it('puts a sampled trace on the request counter and on the duration bucket the request fell in', async () => {
      await (await get('/users/1', { headers: { traceparent: SAMPLED } })).text();
      const om = await scrape();
      expect(om).toMatch(new RegExp(`^http_requests_total\\{method="GET",route="/users/:id",status_code="200"\\} 1 # \\{trace_id="${TRACE}",span_id="${SPAN}"\\} 1 \\d+\\.\\d+$`, 'm'));
      const { count, buckets } = seriesOf(om, '/users/:id', 200);
      expect(count?.exemplar?.labels).toEqual({ trace_id: TRACE, span_id: SPAN });
      const withExemplar = buckets.filter((b) => b.exemplar);
      expect(withExemplar.map((b) => b.exemplar?.labels)).toEqual([{ trace_id: TRACE, span_id: SPAN }]);
      // The bucket of the duration: the first whose bound is at least the exemplar's value.
      const seconds = withExemplar[0]?.exemplar?.value as number;
      expect(withExemplar[0]?.labels.le).toBe(buckets.find((b) => Number(b.labels.le) >= seconds)?.labels.le);
      expect(seconds).toBeGreaterThan(0);
    });

    it('gives no exemplar for an unsampled, invalid or missing traceparent', async () => {
      for (const traceparent of [`00-${TRACE}-${SPAN}-00`, `00-${TRACE.toUpperCase()}-${SPAN}-01`, `ff-${TRACE}-${SPAN}-01`, 'garbage', undefined]) {
        await (await get('/api/items/a', { headers: traceparent === undefined ? {} : { traceparent } })).text();
      }
      const { count, buckets } = seriesOf(await scrape(), '/api/items/:itemId', 200);
      expect(count?.value).toBe(5);
      expect([count?.exemplar, ...buckets.map((b) => b.exemplar)].filter(Boolean)).toEqual([]);
    });

    it('neither throws nor gives an exemplar for a huge, non-ASCII, comma-laden or repeated header', async () => {
      const hostile = [
        `traceparent: ${SAMPLED}-${'x'.repeat(8000)}\r\n`,
        `traceparent: 00-${TRACE}-${SPAN}-01é€\r\n`,
        `traceparent: ${SAMPLED}${','.repeat(4000)}\r\n`,
        `traceparent: ${SAMPLED}\r\n`.repeat(50),
      ];
      const answers = await Promise.all(hostile.map((headers) => rawGet(app.url, '/nope/1', headers)));
      expect(answers.map((answer) => answer.slice(0, 12))).toEqual(Array(4).fill('HTTP/1.1 404'));
      const { count, buckets } = seriesOf(await scrape(), '<unmatched>', 404);
      expect(count?.value).toBe(4);
      expect([count?.exemplar, ...buckets.map((b) => b.exemplar)].filter(Boolean)).toEqual([]);
    });

    it('leaves the text 0.0.4 scrape without exemplars', async () => {
      const text = await scrape('text/plain;version=0.0.4');
      expect(text).toContain('http_requests_total{method="GET",route="/users/:id",status_code="200"} 1\n');
      expect(text).not.toContain(' # {');
    });
  });
}
