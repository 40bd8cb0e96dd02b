// Runs the portable scenarios in Node, in workerd (through miniflare), in Deno and in Bun,
// each from one esbuild bundle built for a neutral platform, and requires the exact expected
// text from every runtime.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../adapters/suite';
import { bundleNeutral } from './bundle';
import { expected } from './expected';
import { runScenarios, scenarios } from './scenarios';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const binary = (name: string): string => join(here, '..', '..', 'node_modules', '.bin', name);

let dir = '';
let bundle = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promkit-runtimes-'));
  bundle = await bundleNeutral({ contents: "export { runScenarios } from './scenarios.ts';", resolveDir: here });
  await writeFile(join(dir, 'scenarios.mjs'), bundle);
  await writeFile(join(dir, 'main.mjs'), "import { runScenarios } from './scenarios.mjs';\nconsole.log(JSON.stringify(await runScenarios()));\n");
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// The http_requests_total and in-flight samples of an exposition.
const requestLines = (text: string): string => text.split('\n').filter((line) => /^http_requests_(total|in_flight)[{ ]/.test(line)).join('\n');

const expectAll = (results: Record<string, string>): void => {
  for (const scenario of scenarios) expect(results[scenario.name], scenario.name).toBe(expected[scenario.name]);
  expect(Object.keys(results)).toEqual(scenarios.map((scenario) => scenario.name));
};

describe('portable scenarios', () => {
  it('produce the expected text in Node', async () => {
    expectAll(await runScenarios());
  });

  it('produce the expected text in workerd (Cloudflare Workers runtime, via miniflare)', async () => {
    const mf = new Miniflare({
      modules: true,
      script: `${bundle}\nexport default { async fetch() { return Response.json(await runScenarios()); } };\n`,
      compatibilityDate: '2025-09-01',
    });
    try {
      const response = await mf.dispatchFetch('http://localhost/');
      expectAll((await response.json()) as Record<string, string>);
    } finally {
      await mf.dispose();
    }
  });

  it('produce the expected text in Deno', async () => {
    const { stdout } = await run(binary('deno'), ['run', '--quiet', '--no-prompt', join(dir, 'main.mjs')]);
    expectAll(JSON.parse(stdout));
  });

  it('produce the expected text in Bun', async () => {
    const { stdout } = await run(binary('bun'), ['run', join(dir, 'main.mjs')]);
    expectAll(JSON.parse(stdout));
  });
});

// A Worker with instrumentFetch: /slow answers after 300 ms, /wait after a 100 ms timer, /spin
// after CPU work alone.
const WORKER = `
import { Registry } from '@promkit/core';
import { instrumentFetch, metricsHandler } from '@promkit/fetch';
const registry = new Registry();
const scrape = metricsHandler({ registry });
const app = instrumentFetch(
  async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/spin') {
      let sum = 0;
      for (let i = 0; i < 2e7; i++) sum += i % 7;
      return new Response(String(sum > 0));
    }
    await new Promise((resolve) => setTimeout(resolve, pathname === '/slow' ? 300 : 100));
    return new Response('ok');
  },
  { registry, buckets: [0.05], route: (request) => new URL(request.url).pathname },
);
export default { fetch: (request) => (new URL(request.url).pathname === '/metrics' ? scrape(request) : app(request)) };
`;

describe('Cloudflare Workers (workerd via miniflare, with the enable_request_signal flag)', () => {
  let mf: Miniflare;
  let url: URL;
  const scrape = async () => (await mf.dispatchFetch('http://worker.test/metrics')).text();

  beforeAll(async () => {
    const script = await bundleNeutral({ contents: WORKER, resolveDir: here });
    mf = new Miniflare({ modules: true, script, compatibilityDate: '2025-09-01', compatibilityFlags: ['enable_request_signal'] });
    url = await mf.ready;
  });

  afterAll(() => mf?.dispose());

  // Deployed, the flag makes request.signal abort on disconnect (recorded as 499). workerd run
  // locally does not deliver the disconnect to the Worker, flag or not (cloudflare/workerd#5062),
  // so here the request is recorded with the status the handler gave. If this starts to see
  // 499, workerd delivers disconnects locally: update the fetch README.
  it('records a request whose client left once, and brings in-flight back to 0', async () => {
    await expect(fetch(new URL('/slow', url), { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    let text = '';
    for (let i = 0; i < 100 && !text.includes('route="/slow"'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      text = await scrape();
    }
    expect(requestLines(text)).toBe(['http_requests_total{method="GET",route="/slow",status_code="200"} 1', 'http_requests_in_flight 0'].join('\n'));
  });

  // Deployed Workers stop the clock while the isolate runs (a Spectre mitigation) and move it
  // on I/O only; timers are I/O, so an awaited 100 ms timer is measured either way.
  it('measures the time a handler spends awaiting a timer', async () => {
    expect(await (await mf.dispatchFetch('http://worker.test/wait')).text()).toBe('ok');
    const text = await scrape();
    const labels = 'method="GET",route="/wait",status_code="200"';
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.05"} 0\n`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="+Inf"} 1\n`);
  });

  // Deployed, this duration is 0 (no I/O happens during the loop); workerd run locally keeps a
  // real clock, as Cloudflare's "Performance and timers" page says. The README documents both.
  it('measures CPU work without I/O locally, where workerd keeps a real clock', async () => {
    expect(await (await mf.dispatchFetch('http://worker.test/spin')).text()).toBe('true');
    expect(sample(await scrape(), 'http_request_duration_seconds_sum', 'method="GET",route="/spin",status_code="200"')).toBeGreaterThan(0);
  });
});

// A Hono app served by Deno.serve, a client that gives up on /slow, and the scrape.
const DENO_APP = `
import { Registry } from '@promkit/core';
import { prometheus } from '@promkit/hono';
import { Hono } from 'hono';
const app = new Hono();
app.use(prometheus({ registry: new Registry() }));
app.get('/posts/:id', (c) => c.text('ok'));
app.get('/slow', async (c) => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  return c.text('late');
});
const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, app.fetch);
const base = 'http://127.0.0.1:' + server.addr.port;
await (await fetch(base + '/posts/1')).text();
await fetch(base + '/slow', { signal: AbortSignal.timeout(50) }).catch(() => undefined);
await new Promise((resolve) => setTimeout(resolve, 400));
console.log(await (await fetch(base + '/metrics')).text());
await server.shutdown();
`;

describe('Deno.serve with the Hono middleware', () => {
  // Deno 2.9 warns once per process when request.signal is read under its legacy behaviour
  // (the signal also aborts after every successful response). The middleware stops listening
  // when the handler answers, so both behaviours record the same; the flag opts in to the new one.
  it('records a client that left as 499, with no legacy-abort warning under --unstable-no-legacy-abort', async () => {
    await writeFile(join(dir, 'deno-hono.mjs'), await bundleNeutral({ contents: DENO_APP, resolveDir: here }));
    const { stdout, stderr } = await run(binary('deno'), ['run', '--quiet', '--no-prompt', '--allow-net', '--unstable-no-legacy-abort', join(dir, 'deno-hono.mjs')]);
    expect(stderr).toBe('');
    expect(requestLines(stdout)).toBe(
      [
        'http_requests_total{method="GET",route="/posts/:id",status_code="200"} 1',
        'http_requests_total{method="GET",route="/slow",status_code="499"} 1',
        'http_requests_in_flight 0',
      ].join('\n'),
    );
  });
});
