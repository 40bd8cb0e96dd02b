// What the published declarations promise is what the runtime has: for every package, the
// value exports of dist/index.d.ts and dist/index.d.cts (read with the TypeScript compiler)
// must equal the exports of dist/index.js (imported) and dist/index.cjs (required). A type
// exported as a value (`export { Counter }` of a declared class that the build does not
// export) compiles in a user's code and fails at run time; this check fails first.
// Run after `pnpm build`.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const require = createRequire(import.meta.url);

function declaredValues(file) {
  const program = ts.createProgram([file], { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) return [];
  return checker
    .getExportsOfModule(module)
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Value) !== 0 && !isTypeOnlyExport(symbol);
    })
    .map((symbol) => symbol.name)
    .sort();
}

// `export { type X }` and `export type { X }` are types whatever X is.
function isTypeOnlyExport(symbol) {
  return (symbol.declarations ?? []).some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly));
}

const runtime = (exports) => Object.keys(exports).filter((name) => name !== 'default' && name !== '__esModule').sort();

let failed = false;
for (const name of readdirSync('packages').sort()) {
  const dist = resolve('packages', name, 'dist');
  const sets = {
    'index.d.ts': declaredValues(join(dist, 'index.d.ts')),
    'index.d.cts': declaredValues(join(dist, 'index.d.cts')),
    'index.js': runtime(await import(pathToFileURL(join(dist, 'index.js')).href)),
    'index.cjs': runtime(require(join(dist, 'index.cjs'))),
  };
  const expected = sets['index.js'];
  const problems = Object.entries(sets).flatMap(([file, names]) => {
    const missing = expected.filter((n) => !names.includes(n));
    const extra = names.filter((n) => !expected.includes(n));
    return missing.length || extra.length ? [`${file}: ${extra.length ? `declares ${extra.join(', ')} that the build does not export` : ''}${missing.length ? ` lacks ${missing.join(', ')}` : ''}`] : [];
  });
  failed ||= problems.length > 0;
  console.log(problems.length ? `FAIL exports ${name}\n  ${problems.join('\n  ')}` : `ok   exports ${name} (${expected.length} values)`);
}
process.exit(failed ? 1 : 0);
