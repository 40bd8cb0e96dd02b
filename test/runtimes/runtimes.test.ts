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
