// Every TypeScript block in every README and docs page compiles as written, the way
// client_rust's doc tests run: each ```ts block becomes its own module, type-checked with the
// package's own dependencies in reach (blocks of packages/X/README.md are checked from
// packages/X, so `koa` or `hono` resolve as a user's install would), strict, against the
// workspace sources. Errors point at the README line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function markdownFiles() {
  const files = ['README.md', 'MIGRATING.md', 'CONTRIBUTING.md'].filter((f) => existsSync(join(root, f)));
  const walk = (dir) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? (e.name === 'node_modules' || e.name === 'dist' ? [] : walk(join(dir, e.name))) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
        )
      : [];
  return [...files, ...walk('packages'), ...walk('docs'), ...walk('examples')];
}

// ```ts blocks with the README line each starts on.
function blocks(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    while (i + 1 < lines.length && !/^```\s*$/.test(lines[++i]));
    found.push({ line: start + 1, code: lines.slice(start, i).join('\n') });
  }
  return found;
}

// The folder whose dependencies a README's blocks see: the package for packages/X/…, else the root.
const homeOf = (file) => (file.startsWith('packages/') ? file.split('/').slice(0, 2).join('/') : '.');

const byHome = new Map();
for (const file of markdownFiles()) {
  for (const block of blocks(file)) {
    const home = homeOf(file);
    if (!byHome.has(home)) byHome.set(home, []);
    byHome.get(home).push({ file, ...block });
  }
}

let failed = 0;
let count = 0;
for (const [home, list] of byHome) {
  const dir = join(root, home, '.tmp', 'readme-blocks');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sources = new Map();
  list.forEach((block, i) => {
    const name = `block-${i + 1}.ts`;
    // A block without import or export is a script; make every block its own module.
    writeFileSync(join(dir, name), `${block.code}\nexport {};\n`);
    sources.set(name, block);
    count++;
  });
  const base = existsSync(join(root, home, 'tsconfig.test.json')) ? join(root, home, 'tsconfig.test.json') : join(root, 'test', 'tsconfig.json');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: relative(dir, base),
      // experimentalDecorators: NestJS apps (docs/nestjs.md) compile with it, as Nest requires.
      compilerOptions: { noEmit: true, types: ['node'], experimentalDecorators: true },
      include: ['*.ts'],
      exclude: [],
    }),
  );
  try {
    execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    for (const line of String(error.stdout).split('\n').filter(Boolean)) {
      const m = /(block-\d+\.ts)\((\d+),(\d+)\): (.*)/.exec(line);
      const block = m && sources.get(m[1]);
      if (!block) {
        console.log(`${home}: ${line}`);
      } else {
        console.log(`${block.file}:${block.line + Number(m[2]) - 1}:${m[3]}: ${m[4]}`);
      }
      failed++;
    }
  }
}
console.log(failed ? `README blocks: ${failed} type errors in ${count} blocks` : `README blocks: all ${count} type-check`);
process.exit(failed ? 1 : 0);
