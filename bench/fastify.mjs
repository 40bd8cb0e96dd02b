// Fastify 5 overhead of each metrics plugin (see overhead.mjs for the method), with
// fastify-metrics 13.2 (the newest that runs on Node 20; 14 needs Node >= 22.19) beside
// promkit. `noop` (a no-op onRequest + onResponse hook pair) is the floor any such plugin pays;
// BENCH_FASTIFY_VARIANTS=bare,noop-onrequest,route-options,res-close,promkit splits promkit's cost.
import { fileURLToPath } from 'node:url';
import { measureOverhead, overheadTable } from './overhead.mjs';

const VARIANTS = (process.env.BENCH_FASTIFY_VARIANTS ?? 'bare,noop,promkit,fastify-metrics').split(',');
const server = fileURLToPath(new URL('./fastify-server.mjs', import.meta.url));

export const runFastifyBenchmark = () => measureOverhead(server, VARIANTS);

/** The benchmark's rows as a Markdown table. */
export const fastifyTable = (rows) => overheadTable('Fastify 5', rows);

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(fastifyTable(await runFastifyBenchmark()));
