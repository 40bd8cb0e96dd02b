// The one esbuild recipe for a neutral platform (browsers, Workers, Deno, Bun), as an edge
// bundler builds a promkit package: ES module, es2022, workspace packages read from source.
// Used by the size budgets (scripts/size.mjs, minified, with the platform check) and by the
// runtime tests (test/runtimes, readable).
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

// What Node has and a neutral platform does not: a bundle using one runs in Node only.
const NODE_GLOBALS = /\bprocess\.|\bBuffer\b|\brequire\(|new Function\b|\beval\(/;

/**
 * Bundles `entry` (a file) or `contents` (module source) for a neutral platform. Returns the code,
 * the Node builtins it imports (left external) and whether it uses a Node global or code generation.
 */
export async function bundleNeutral({ entry, contents, resolveDir = root, minify = false, external = [] }) {
  const imported = new Set();
  const result = await build({
    ...(entry ? { entryPoints: [entry] } : { stdin: { contents, resolveDir, loader: 'ts' } }),
    bundle: true,
    minify,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['@promkit/source'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
    plugins: [
      {
        name: 'promkit-sources-and-builtins',
        setup(b) {
          // The workspace sources, as a user's bundler would see the published package.
          b.onResolve({ filter: /^@promkit\/[a-z-]+$/ }, ({ path }) =>
            external.includes(path) ? { path, external: true } : { path: resolve(root, 'packages', path.slice('@promkit/'.length), 'src/index.ts') },
          );
          b.onResolve({ filter: /.*/ }, ({ path }) => {
            if (!builtins.has(path)) return undefined;
            imported.add(path);
            return { path, external: true };
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0].text;
  return { code, builtins: [...imported], nodeGlobals: NODE_GLOBALS.test(code) };
}
