import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Core must run in browsers, Workers, Deno and Bun: no Node builtin, no `process`, no `Buffer`,
// no code generation. Bundle it for a neutral platform and look at what it pulls in.
describe('platform neutrality', () => {
  it('bundles for a neutral platform without importing a Node builtin or using Node globals', async () => {
    const imported: string[] = [];
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      logLevel: 'silent',
      plugins: [
        {
          name: 'record',
          setup(b) {
            b.onResolve({ filter: /.*/ }, ({ path, kind }) => {
              if (kind === 'entry-point' || path.startsWith('.')) return undefined;
              imported.push(path);
              return { path, external: true };
            });
          },
        },
      ],
    });
    expect(imported.filter((path) => builtinModules.includes(path.replace(/^node:/, '')))).toEqual([]);
    expect(imported).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(|new Function|\beval\(/);
  });
});
