// The same neutral remote-write bundle writes from workerd (through miniflare), Deno and Bun
// into a real Prometheus 2.42, which stores the same values for each (Node: test/integration).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startPrometheus } from '../../packages/remote-write/test/prometheus';
import { bundleNeutral } from './bundle';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const binary = (name: string): string => join(here, '..', '..', 'node_modules', '.bin', name);

const SCENARIO = `
import { Registry } from '@promkit/core';
import { createRemoteWriter } from '@promkit/remote-write';
export async function writeFrom(url, runtime) {
  const registry = new Registry();
  registry.counter({ name: 'runtime_writes_total', help: 'Writes.', labelNames: ['kind'] }).inc({ kind: 'ünï "q"' }, 3);
  registry.gauge({ name: 'runtime_value', help: 'V.' }).set(0.1 + 0.2);
  registry.histogram({ name: 'runtime_seconds', help: 'S.', buckets: [1] }).observe(0.5);
  const result = await createRemoteWriter({ url, registry, labels: { job: 'runtimes', instance: runtime } }).flush();
  return { written: result.written, dropped: result.dropped, error: result.error ? String(result.error) : undefined };
}
`;

let prometheus: Receiver;
let dir = '';
let bundle = '';

beforeAll(async () => {
  prometheus = await startPrometheus();
  dir = await mkdtemp(join(tmpdir(), 'promkit-rw-runtimes-'));
  bundle = await bundleNeutral({ contents: SCENARIO, resolveDir: here });
  await writeFile(join(dir, 'scenario.mjs'), bundle);
  await writeFile(join(dir, 'main.mjs'), "import { writeFrom } from './scenario.mjs';\nconsole.log(JSON.stringify(await writeFrom(process.argv[2] ?? Deno.args[0], process.argv[3] ?? Deno.args[1])));\n".replace(/process\.argv\[(\d)\] \?\? /g, "globalThis.process?.argv[$1] ?? "));
});

afterAll(async () => {
  await prometheus?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// 6 series (counter, gauge, 2 buckets, _sum, _count); counters and histograms also write their 0 sample.
const WRITTEN = { written: 11, dropped: 0 };

async function expectStored(runtime: string): Promise<void> {
  const values = async (promql: string) => (await prometheus.query(promql)).map(([labels, value]) => [labels.kind ?? labels.le ?? labels.__name__, value]);
  expect(await values(`runtime_writes_total{instance="${runtime}"}`)).toEqual([['ünï "q"', '3']]);
  expect(await values(`runtime_value{instance="${runtime}"}`)).toEqual([['runtime_value', '0.30000000000000004']]);
  expect((await values(`runtime_seconds_bucket{instance="${runtime}"}`)).sort()).toEqual([['+Inf', '1'], ['1.0', '1']]);
}

describe('remote write from every runtime into a real Prometheus', () => {
  it('writes from workerd (Cloudflare Workers runtime, via miniflare)', async () => {
    const mf = new Miniflare({
      modules: true,
      script: `${bundle}\nexport default { async fetch(request) { return Response.json(await writeFrom(new URL(request.url).searchParams.get('url'), 'workerd')); } };\n`,
      compatibilityDate: '2025-09-01',
    });
    try {
      const response = await mf.dispatchFetch(`http://localhost/?url=${encodeURIComponent(prometheus.url)}`);
      expect(await response.json()).toEqual(WRITTEN);
    } finally {
      await mf.dispose();
    }
    await expectStored('workerd');
  });

  it('writes from Deno', async () => {
    const { stdout } = await run(binary('deno'), ['run', '--quiet', '--no-prompt', '--allow-net', join(dir, 'main.mjs'), prometheus.url, 'deno']);
    expect(JSON.parse(stdout)).toEqual(WRITTEN);
    await expectStored('deno');
  });

  it('writes from Bun', async () => {
    const { stdout } = await run(binary('bun'), ['run', join(dir, 'main.mjs'), prometheus.url, 'bun']);
    expect(JSON.parse(stdout)).toEqual(WRITTEN);
    await expectStored('bun');
  });
});
