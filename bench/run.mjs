// `pnpm bench`: every benchmark, promkit side by side with prom-client in the same run.
import { runCoreBenchmarks } from './core.mjs';

const rows = await runCoreBenchmarks();
console.log('| case | promkit | prom-client | ratio | target |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  const verdict = r.ratio >= r.target ? 'met' : 'MISSED';
  console.log(`| ${r.case} | ${r.promkit} | ${r['prom-client']} | ${r.ratio.toFixed(1)}x | >= ${r.target}x ${verdict} |`);
}
await import('./memory.mjs');

const { runParseBenchmark } = await import('./parse.mjs');
const parsed = await runParseBenchmark();
console.log(`\n| parse ${parsed.lines} lines | promkit | parse-prometheus-text-format | ratio |`);
console.log('|---|---:|---:|---:|');
console.log(`| per exposition | ${parsed.promkit} | ${parsed.other} | ${parsed.ratio.toFixed(1)}x |`);

const { expressTable, runExpressBenchmark } = await import('./express.mjs');
console.log(`\n${expressTable(await runExpressBenchmark())}`);

const { fastifyTable, runFastifyBenchmark } = await import('./fastify.mjs');
console.log(`\n${fastifyTable(await runFastifyBenchmark())}`);
