import { execFileSync, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'node:worker_threads';
import { OPENMETRICS_CONTENT_TYPE, Registry, TEXT_CONTENT_TYPE } from '@promkit/core';
import { parse, valueOf } from '@promkit/parse';
import { vi, afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_FORMAT } from '../../../test/adapters/binary-scrape';
import { buildFixture, startThreads } from '../test/build-fixture';
import { type ClusterMetricsHandlerOptions, clusterMetricsHandler } from './index';

let fixture: Awaited<ReturnType<typeof buildFixture>>;
let threads: Worker[] = [];
let server: Server | undefined;
beforeAll(async () => {
  fixture = await buildFixture();
});
afterAll(() => fixture.remove());
afterEach(async () => {
  await Promise.all(threads.map((t) => t.terminate()));
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function serve(options: ClusterMetricsHandlerOptions): Promise<string> {
  server = createServer(clusterMetricsHandler({ channel: 'test', ...options }));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

const PROMETHEUS_ACCEPT = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const PYTHON = `import sys
from prometheus_client.parser import text_string_to_metric_families as text
from prometheus_client.openmetrics.parser import text_string_to_metric_families as om
s = sys.stdin.read()
print(sorted(f.name for f in (om if s.endswith('# EOF\\n') else text)(s)))`;

describe('clusterMetricsHandler', () => {
  it('serves OpenMetrics to a scraper that prefers it, valid to promkit and prometheus_client, uncached', async () => {
    threads = await startThreads(fixture.file, [[1, 'serve'], [2, 'garbage']]);
    const response = await fetch(await serve({ workers: threads, onInternalError: () => {} }), { headers: { accept: PROMETHEUS_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(OPENMETRICS_CONTENT_TYPE);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.text();
    expect(parse(body, { format: 'openmetrics' }).map((f) => f.name)).toEqual(['jobs', 'queue_depth', 'job_seconds', 'promkit_worker_up']);
    expect(body.endsWith(`promkit_worker_up{worker="${threads[1]?.threadId}"} 0\n# EOF\n`)).toBe(true);
    expect(execFileSync('python3', ['-c', PYTHON], { input: body, encoding: 'utf8' })).toBe("['job_seconds', 'jobs', 'promkit_worker_up', 'queue_depth']\n");
  }, 30_000);

  it('serves text 0.0.4 otherwise, which promtool and prometheus_client accept', async () => {
    threads = await startThreads(fixture.file, [[1, 'serve'], [3, 'serve']]);
    const response = await fetch(await serve({ workers: threads, gauges: { queue_depth: 'sum' } }));
    expect(response.headers.get('content-type')).toBe(TEXT_CONTENT_TYPE);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.text();
    expect(valueOf(body, 'queue_depth')).toBe(40);
    expect(spawnSync('promtool', ['check', 'metrics'], { input: body }).status).toBe(0);
    expect(execFileSync('python3', ['-c', PYTHON], { input: body, encoding: 'utf8' })).toBe("['job_seconds', 'jobs', 'promkit_worker_up', 'queue_depth']\n");
  }, 30_000);

  it('serves text formats only: OpenMetrics or text 0.0.4 to a scraper that prefers a binary format, with their length', async () => {
    const registry = new Registry();
    registry.addFormat(TEST_FORMAT);
    registry.counter({ name: 'primary_jobs_total', help: 'Jobs.' }).inc();
    const url = await serve({ workers: [], registry });
    const binaryFirst = `${TEST_FORMAT.mediaType},${PROMETHEUS_ACCEPT.replace('version=1.0.0', 'version=1.0.0;q=0.8')}`;
    const om = await fetch(url, { headers: { accept: binaryFirst } });
    const omBody = await om.text();
    expect([om.headers.get('content-type'), om.headers.get('content-length')]).toEqual([OPENMETRICS_CONTENT_TYPE, String(Buffer.byteLength(omBody))]);
    expect(valueOf(omBody, 'primary_jobs_total')).toBe(1);
    const text = await fetch(url, { headers: { accept: TEST_FORMAT.mediaType } });
    expect(text.headers.get('content-type')).toBe(TEXT_CONTENT_TYPE);
    expect(valueOf(await text.text(), 'primary_jobs_total')).toBe(1);
  });

  it('answers 500 and reports the error when the scrape fails', async () => {
    const registry = new Registry();
    const failure = new Error('primary scrape failed');
    // A failing collect is served and counted by core itself; here the whole scrape fails.
    vi.spyOn(registry, 'scrape').mockRejectedValue(failure);
    const errors: unknown[] = [];
    const response = await fetch(await serve({ workers: [], registry, onInternalError: (e) => errors.push(e) }));
    expect(response.status).toBe(500);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('scrape failed\n');
    expect(errors).toEqual([failure]);
  });
});
