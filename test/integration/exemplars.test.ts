// A real Prometheus (Debian's 2.42) with exemplar storage scrapes a node:http server that serves
// `registry.scrape(accept)`: the exemplars it stores, read back through /api/v1/query_exemplars,
// are exactly those set on a counter and on histogram buckets (labels, values, timestamps).
import { createServer, type Server } from 'node:http';
import { Registry, traceparentExemplar } from '@promkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './processes';
import { type Scraper, startScraper } from './scraper';

interface StoredExemplar {
  readonly labels: Record<string, string>;
  readonly value: string;
  readonly timestamp: number;
}
interface ExemplarSeries {
  readonly seriesLabels: Record<string, string>;
  readonly exemplars: StoredExemplar[];
}

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
// Exemplar times in ms, with a millisecond part, a little before the test runs.
const at = Math.floor(Date.now() / 1000) * 1000 - 60_000;

describe('a real Prometheus storing exemplars scraped from promkit', () => {
  const registry = new Registry();
  const served: string[] = [];
  let server: Server | undefined;
  let prometheus: Scraper | undefined;

  const exemplars = async (query: string): Promise<ExemplarSeries[]> => {
    const range = `start=${at / 1000 - 3600}&end=${Date.now() / 1000 + 3600}`;
    const response = await fetch(`${prometheus?.api}/api/v1/query_exemplars?query=${encodeURIComponent(query)}&${range}`);
    const body = (await response.json()) as { status: string; data: ExemplarSeries[] };
    expect(body.status).toBe('success');
    return body.data;
  };
  // Polls until Prometheus holds `count` exemplars for `query` (a scrape every second).
  const waitFor = async (query: string, count: number): Promise<ExemplarSeries[]> => {
    const deadline = Date.now() + 20_000;
    let found: ExemplarSeries[] = [];
    while (Date.now() < deadline) {
      found = await exemplars(query);
      if (found.reduce((n, s) => n + s.exemplars.length, 0) >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${query}: ${JSON.stringify(found)} after 20 s\n${prometheus?.output().slice(-2000)}`);
  };
  const sorted = (series: ExemplarSeries[]): [Record<string, string>, StoredExemplar[]][] =>
    series
      .map(({ seriesLabels, exemplars }): [Record<string, string>, StoredExemplar[]] => [seriesLabels, exemplars])
      .sort(([a], [b]) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  beforeAll(async () => {
    const orders = registry.counter({ name: 'orders_total', help: 'Orders placed.', labelNames: ['method'] });
    orders.inc({ method: 'card' }, 3, { labels: { trace_id: TRACE, span_id: '00f067aa0ba902b7' }, timestamp: at + 123 });
    orders.labels({ method: 'cash' }).inc(1, { ...traceparentExemplar(`00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`)!, value: 0.5, timestamp: at + 7 });
    orders.inc({ method: 'none' });
    const latency = registry.histogram({ name: 'latency_seconds', help: 'Latency.', buckets: [0.1, 1] });
    latency.observe(0.05, { labels: { trace_id: 'first' }, timestamp: at + 1 });
    latency.observe(0.07, { labels: { trace_id: 'fast "one"\\ \n' }, timestamp: at + 2 });
    latency.observe(0.5);
    latency.observe(2.5, { labels: { trace_id: 'slow', user: 42 }, value: 2.25, timestamp: at + 999 });

    server = createServer((req, res) => {
      registry.scrape(req.headers.accept).then(({ contentType, body }) => {
        served.push(contentType);
        res.writeHead(200, { 'content-type': contentType }).end(body);
      });
    });
    const target = await freePort();
    await new Promise<void>((resolve) => server!.listen(target, '127.0.0.1', resolve));
    prometheus = await startScraper({ exemplars: `127.0.0.1:${target}` }, ['--enable-feature=exemplar-storage']);
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('stores the latest exemplar of each counter series, with its labels, value and time', async () => {
    const job = { instance: expect.any(String), job: 'exemplars' };
    expect(sorted(await waitFor('orders_total', 2))).toEqual([
      [{ __name__: 'orders_total', method: 'card', ...job }, [{ labels: { trace_id: TRACE, span_id: '00f067aa0ba902b7' }, value: '3', timestamp: (at + 123) / 1000 }]],
      [{ __name__: 'orders_total', method: 'cash', ...job }, [{ labels: { trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16) }, value: '0.5', timestamp: (at + 7) / 1000 }]],
    ]);
    expect(served[0]).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
  });

  it('stores the latest exemplar of each histogram bucket, its label values as escaped in the exposition', async () => {
    const job = { instance: expect.any(String), job: 'exemplars' };
    // Prometheus keeps exemplar label values as written: its OpenMetrics parser undoes the
    // escapes of series labels but not of exemplar labels (OpenMetricsParser.Exemplar in
    // model/textparse/openmetricsparse.go, 2.42 and later). So what it stores is exactly the
    // escaped text promkit rendered (backslash, double quote, newline).
    expect(sorted(await waitFor('latency_seconds_bucket', 2))).toEqual([
      [{ __name__: 'latency_seconds_bucket', le: '+Inf', ...job }, [{ labels: { trace_id: 'slow', user: '42' }, value: '2.25', timestamp: (at + 999) / 1000 }]],
      [{ __name__: 'latency_seconds_bucket', le: '0.1', ...job }, [{ labels: { trace_id: String.raw`fast \"one\"\\ \n` }, value: '0.07', timestamp: (at + 2) / 1000 }]],
    ]);
  });
});
