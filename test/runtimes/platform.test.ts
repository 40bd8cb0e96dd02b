// Every platform-neutral package must run in browsers, Workers, Deno and Bun: bundled with
// its promkit imports for a neutral platform, it imports no Node builtin and uses no Node
// global (`process`, `Buffer`, `require`) and no code generation (`new Function`, `eval`).
import { expect, it } from 'vitest';
import { bundleNeutral } from '../../scripts/bundle.mjs';

const NEUTRAL = ['core', 'http', 'fetch', 'hono', 'breaker', 'parse', 'pushgateway', 'remote-write', 'protobuf'];

it.each(NEUTRAL)('@promkit/%s bundles for a neutral platform without Node builtins or globals', async (name) => {
  const { code, builtins, nodeGlobals } = await bundleNeutral({ contents: `export * from '@promkit/${name}';`, external: name === 'hono' ? ['hono', 'hono/route'] : [] });
  expect(code.length).toBeGreaterThan(1000);
  expect(builtins).toEqual([]);
  expect(nodeGlobals).toBe(false);
});
