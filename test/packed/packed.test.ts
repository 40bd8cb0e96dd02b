// What a user gets from npm is what we test: every package is built and packed with
// `pnpm pack` (workspace versions resolved as on publish), the tarballs are installed with
// plain `npm install` into a fresh folder outside the workspace, and a small ESM app and a
// small CommonJS app serve /metrics with Express from them. Every package must also load in
// both module systems from its tarball.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const packages = readdirSync(join(root, 'packages')).sort();
const work = mkdtempSync(join(tmpdir(), 'promkit-packed-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');

const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

beforeAll(() => {
  run('pnpm', ['-r', '--filter', './packages/**', 'build'], root);
  for (const name of packages) run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', name));
  const files = readdirSync(tarballs);
  // Each @promkit dependency points at its tarball, also where another package asks for it.
  const local = Object.fromEntries(
    packages.map((name) => [`@promkit/${name}`, `file:${join(tarballs, files.find((f) => f.startsWith(`promkit-${name}-0`)) as string)}`]),
  );
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'packed-app', private: true, dependencies: { ...local, express: '^5.1.0', hono: '^4.6.0', koa: '^3.0.0' }, overrides: local }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const APP = (load: string) => `${load}
const registry = new Registry();
const app = express();
app.use(prometheus({ registry }));
app.get('/users/:id', (req, res) => res.send('ok'));
const server = app.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function serve(file: string, source: string): Promise<{ port: number; child: ChildProcess }> {
  writeFileSync(join(app, file), source);
  const child = spawn(process.execPath, [file], { cwd: app, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolvePort, reject) => {
    child.stdout?.once('data', (data: Buffer) => resolvePort(Number(String(data).trim())));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return { port, child };
}

describe.each([
  ['ESM', 'app.mjs', "import express from 'express';\nimport { Registry } from '@promkit/core';\nimport { prometheus } from '@promkit/express';"],
  ['CommonJS', 'app.cjs', "const express = require('express');\nconst { Registry } = require('@promkit/core');\nconst { prometheus } = require('@promkit/express');"],
])('an %s Express app installed from the packed tarballs', (_, file, load) => {
  it('counts a request and serves /metrics in both formats with their content types', async () => {
    const { port, child } = await serve(file, APP(load));
    try {
      expect((await fetch(`http://127.0.0.1:${port}/users/7`)).status).toBe(200);
      const text = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(text.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(await text.text()).toContain('http_requests_total{method="GET",route="/users/:id",status_code="200"} 1\n');
      const om = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { accept: 'application/openmetrics-text;version=1.0.0' } });
      expect(om.headers.get('content-type')).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
      expect(await om.text()).toMatch(/# TYPE http_requests counter\n[\s\S]*# EOF\n$/);
    } finally {
      child.kill();
    }
  });
});

it('loads every package with import and with require, each with a LICENSE and README in its tarball', () => {
  for (const name of packages) {
    const id = `@promkit/${name}`;
    const esm = run(process.execPath, ['--input-type=module', '-e', `const m = await import('${id}'); console.log(Object.keys(m).length)`], app);
    const cjs = run(process.execPath, ['-e', `console.log(Object.keys(require('${id}')).length)`], app);
    expect(Number(esm), id).toBeGreaterThan(0);
    expect(Number(cjs), id).toBe(Number(esm));
    const listing = run('tar', ['-tzf', join(tarballs, readdirSync(tarballs).find((f) => f.startsWith(`promkit-${name}-0`)) as string)], work);
    expect(listing, id).toContain('package/LICENSE');
    expect(listing, id).toContain('package/README.md');
  }
});
