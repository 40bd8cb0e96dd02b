// Express 5 overhead of each metrics middleware: server CPU microseconds per request under a
// loopback load from this (second) process, with rotating ids in the paths. Variants run in
// alternating rounds on fresh server processes. A variant's overhead is the median over rounds
// of its CPU against the bare server's in the same round, which cancels the machine's drift;
// the range of those per-round overheads shows how noisy the run was. `noop` (a middleware
// that only calls next) is the floor any middleware pays.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const VARIANTS = (process.env.BENCH_VARIANTS ?? 'bare,noop,promkit,express-prom-bundle,@promster/express').split(',');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const server = fileURLToPath(new URL('./express-server.mjs', import.meta.url));

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function start(variant) {
  const port = await freePort();
  const child = spawn(process.execPath, [server, variant, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${variant} server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }) };
}

const load = (url, amount) => {
  let i = 0;
  return autocannon({
    url,
    amount,
    connections: 16,
    requests: [
      {
        setupRequest: (request) => {
          i++;
          request.path = i % 4 === 0 ? `/orders/${i}/items/${i % 97}` : `/users/${(i * 7919) % 100_000}`;
          return request;
        },
      },
    ],
  });
};

const cpu = async (url) => (await (await fetch(`${url}/__cpu`)).json()).micros;

export async function runExpressBenchmark() {
  const perRequest = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const app = await start(variant);
      try {
        await load(app.url, 5_000); // warm-up: JIT and caches
        const before = await cpu(app.url);
        const result = await load(app.url, REQUESTS);
        const after = await cpu(app.url);
        if (result.non2xx || result.errors) throw new Error(`${variant}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        perRequest[variant].push((after - before) / REQUESTS);
      } finally {
        await app.stop();
      }
    }
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return VARIANTS.map((variant) => {
    const overheads = perRequest[variant].map((us, round) => (us / perRequest.bare[round] - 1) * 100);
    return { variant, us: median(perRequest[variant]), overhead: median(overheads), min: Math.min(...overheads), max: Math.max(...overheads) };
  });
}

const percent = (value) => `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;

/** The benchmark's rows as a Markdown table. */
export const expressTable = (rows) =>
  [
    '| Express 5 | server CPU per request | overhead vs bare (median of rounds) | per-round range |',
    '|---|---:|---:|---:|',
    ...rows.map((r) =>
      r.variant === 'bare'
        ? `| bare | ${r.us.toFixed(1)} µs | — | — |`
        : `| ${r.variant} | ${r.us.toFixed(1)} µs | ${percent(r.overhead)} | ${percent(r.min)} … ${percent(r.max)} |`,
    ),
  ].join('\n');

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(expressTable(await runExpressBenchmark()));
