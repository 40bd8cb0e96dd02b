// How long a scrape of a large registry stalls the event loop: a 1 ms interval timer runs
// while the scrape renders, and the longest gap between its ticks (minus the 1 ms) is the
// stall a concurrent request would see. promkit's `await registry.scrape()` (what every adapter
// serves) and synchronous `registry.metrics()` against prom-client's `await register.metrics()`,
// each in a fresh process, on 10k and 100k counter series.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(import.meta.url);
const VARIANTS = ['promkit scrape()', 'promkit metrics()', 'prom-client'];

async function setup(variant, series) {
  const labels = (i) => ({ method: ['GET', 'POST', 'PUT', 'DELETE'][i & 3], route: `/route/${i >> 2}`, status: '200' });
  if (variant.startsWith('promkit')) {
    const { Registry } = await import('@promkit/core');
    const registry = new Registry({ maxSeries: series });
    // Many families of 1,000 series, as a large service has, so there are family boundaries.
    for (let f = 0; f < series / 1000; f++) {
      const counter = registry.counter({ name: `family_${f}_total`, help: 'h', labelNames: ['method', 'route', 'status'] });
      for (let i = 0; i < 1000; i++) counter.inc(labels(i));
    }
    return variant === 'promkit metrics()' ? () => registry.metrics() : async () => (await registry.scrape()).body;
  }
  const client = (await import('prom-client')).default;
  const registry = new client.Registry();
  for (let f = 0; f < series / 1000; f++) {
    const counter = new client.Counter({ name: `family_${f}_total`, help: 'h', labelNames: ['method', 'route', 'status'], registers: [registry] });
    for (let i = 0; i < 1000; i++) counter.inc(labels(i));
  }
  return () => registry.metrics();
}

async function longestStall(variant, series) {
  const scrape = await setup(variant, series);
  await scrape(); // warm-up
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 1);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  worst = 0;
  const start = performance.now();
  const body = await scrape();
  const total = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  if (typeof body !== 'string' || body.length < series * 20) throw new Error(`${variant}: short exposition`);
  return { stall: worst, total };
}

/** The longest event-loop stall and the total scrape time per variant and registry size. */
export function runStallBenchmark(sizes = [10_000, 100_000]) {
  return sizes.flatMap((series) =>
    VARIANTS.map((variant) => ({ variant, series, ...JSON.parse(execFileSync(process.execPath, [script, 'child', variant, String(series)], { encoding: 'utf8' })) })),
  );
}

export const stallTable = (rows) =>
  [
    '| scrape of | variant | longest event-loop stall | whole scrape |',
    '|---|---|---:|---:|',
    ...rows.map((r) => `| ${r.series.toLocaleString('en')} series | ${r.variant} | ${r.stall.toFixed(1)} ms | ${r.total.toFixed(1)} ms |`),
  ].join('\n');

if (process.argv[2] === 'child') {
  process.stdout.write(JSON.stringify(await longestStall(process.argv[3], Number(process.argv[4]))));
} else if (process.argv[1] === script) {
  console.log(stallTable(runStallBenchmark()));
}
