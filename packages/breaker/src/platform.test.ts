import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

// The bindings duck-type opossum and cockatiel: at runtime the package may import core and
// nothing else, and must run wherever core runs (browsers, Workers, Deno, Bun).
it('imports only @promkit/core at runtime, and no Node builtin or Node global', async () => {
  const { metafile, outputFiles } = await build({
    entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    logLevel: 'silent',
  });
  const imports = Object.values(metafile.outputs).flatMap((output) => output.imports.map(({ path }) => path));
  expect(imports).toEqual(['@promkit/core']);
  expect(outputFiles[0]?.text).not.toMatch(/\bprocess\b|\bBuffer\b|\brequire\(|new Function|\beval\(/);
});
