// Heap bytes per labeled counter series, promkit vs prom-client, measured in child
// processes started with --expose-gc so each library is measured on a clean heap.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERIES = 100_000;

if (process.argv[2] === 'child') {
  const which = process.argv[3];
  const heap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed; };
  let counter;
  if (which === 'promkit') {
    const { Registry } = await import('@promkit/core');
    counter = new Registry({ maxSeries: SERIES * 2 }).counter({ name: 'req_total', help: 'h', labelNames: ['method', 'route', 'status'] });
  } else {
    const client = (await import('prom-client')).default;
    counter = new client.Counter({ name: 'req_total', help: 'h', labelNames: ['method', 'route', 'status'], registers: [] });
  }
  const before = heap();
  for (let i = 0; i < SERIES; i++) counter.inc({ method: 'GET', route: `/route/${i}`, status: '200' });
  const after = heap();
  // Keep the counter reachable until after the second measurement.
  if (!counter) throw new Error('unreachable');
  process.stdout.write(String((after - before) / SERIES));
} else {
  const script = fileURLToPath(import.meta.url);
  const measure = (which) => Number(execFileSync(process.execPath, ['--expose-gc', script, 'child', which], { encoding: 'utf8' }));
  const promkit = measure('promkit');
  const promClient = measure('prom-client');
  console.log(`heap per labeled counter series (${SERIES.toLocaleString('en')} series): promkit ${promkit.toFixed(0)} B, prom-client ${promClient.toFixed(0)} B (target: promkit <= 200 B)`);
}
