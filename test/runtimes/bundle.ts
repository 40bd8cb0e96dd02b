// One esbuild recipe for the runtime tests: a single ES module for a neutral platform, the
// workspace packages read from source, as an edge bundler would build it.
import { build } from 'esbuild';

export async function bundleNeutral(input: { entry: string } | { contents: string; resolveDir: string }): Promise<string> {
  const result = await build({
    ...('entry' in input ? { entryPoints: [input.entry] } : { stdin: { contents: input.contents, resolveDir: input.resolveDir, loader: 'ts' as const } }),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['@promkit/source'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
