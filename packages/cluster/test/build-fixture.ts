// Bundles worker-fixture.ts once to plain JavaScript, which cluster workers and threads run as is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';

export async function buildFixture(): Promise<{ file: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'promkit-workers-'));
  const file = join(dir, 'worker.mjs');
  await build({
    entryPoints: [new URL('./worker-fixture.ts', import.meta.url).pathname],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    conditions: ['@promkit/source'],
    logLevel: 'silent',
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Resolves when the worker has said it is ready. */
export const ready = (worker: { once(event: 'message', fn: (m: unknown) => void): unknown }) =>
  new Promise<void>((resolve) => worker.once('message', () => resolve()));

/** Starts one fixture thread per `[n, mode]`, waits until each is ready, and returns them. */
export async function startThreads(file: string, specs: readonly (readonly [number, string])[]): Promise<Worker[]> {
  const threads = specs.map(([n, mode]) => new Worker(file, { workerData: { n, mode } }));
  await Promise.all(threads.map(ready));
  return threads;
}
