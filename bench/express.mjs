// Express 5 overhead of each metrics middleware (see overhead.mjs for the method). `noop` (a
// middleware that only calls next) is the floor any middleware pays.
import { fileURLToPath } from 'node:url';
import { measureOverhead, overheadTable } from './overhead.mjs';

const VARIANTS = (process.env.BENCH_VARIANTS ?? 'bare,noop,promkit,express-prom-bundle,@promster/express').split(',');
const server = fileURLToPath(new URL('./express-server.mjs', import.meta.url));

export const runExpressBenchmark = () => measureOverhead(server, VARIANTS);

/** The benchmark's rows as a Markdown table. */
export const expressTable = (rows) => overheadTable('Express 5', rows);

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(expressTable(await runExpressBenchmark()));
