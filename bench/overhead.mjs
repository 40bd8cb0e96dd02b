// Per-request overhead of each metrics middleware: server CPU microseconds per request under a
// loopback load from this (second) process, with rotating ids in the paths. Variants run in
// alternating rounds on fresh server processes (bench/servers/<framework>.mjs). A variant's
// overhead is the median over rounds of its CPU against the bare server's in the same round,
// which cancels the machine's drift; the range of those per-round overheads shows how noisy
// the run was. `noop` (a middleware that only passes the request on) is the floor any
// middleware pays.
//
// `node bench/overhead.mjs [framework]`; BENCH_ROUNDS, BENCH_REQUESTS and BENCH_VARIANTS
// (comma-separated) override the defaults.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** The frameworks and the variants each is measured with. */
export const FRAMEWORKS = {
  express: { title: 'Express 5', variants: ['bare', 'noop', 'promkit', 'express-prom-bundle', '@promster/express'] },
  node: { title: 'node:http', variants: ['bare', 'noop', 'promkit'] },
  koa: { title: 'Koa 3', variants: ['bare', 'noop', 'promkit'] },
  hono: { title: 'Hono on @hono/node-server', variants: ['bare', 'noop', 'promkit'] },
  fastify: { title: 'Fastify 5', variants: ['bare', 'noop', 'promkit', 'fastify-metrics'] },
};

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function start(framework, variant) {
  const port = await freePort();
  const server = fileURLToPath(new URL(`./servers/${framework}.mjs`, import.meta.url));
  const child = spawn(process.execPath, [server, variant, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${framework} ${variant} server exited with ${code}`)));
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
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** Measures every variant of one framework; rows of CPU µs per request and overhead vs bare. */
export async function runOverheadBenchmark(framework, variants = process.env.BENCH_VARIANTS?.split(',') ?? FRAMEWORKS[framework].variants) {
  const perRequest = Object.fromEntries(variants.map((v) => [v, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of round % 2 ? [...variants].reverse() : variants) {
      const app = await start(framework, variant);
      try {
        await load(app.url, 5_000); // warm-up: JIT and caches
        const before = await cpu(app.url);
        const result = await load(app.url, REQUESTS);
        const after = await cpu(app.url);
        if (result.non2xx || result.errors) throw new Error(`${framework} ${variant}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        perRequest[variant].push((after - before) / REQUESTS);
      } finally {
        await app.stop();
      }
    }
  }
  return variants.map((variant) => {
    const overheads = perRequest[variant].map((us, round) => (us / perRequest.bare[round] - 1) * 100);
    return { variant, us: median(perRequest[variant]), overhead: median(overheads), min: Math.min(...overheads), max: Math.max(...overheads) };
  });
}

const percent = (value) => `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;

/** One framework's rows as a Markdown table. */
export const overheadTable = (framework, rows) =>
  [
    `| ${FRAMEWORKS[framework].title} | server CPU per request | overhead vs bare (median of rounds) | per-round range |`,
    '|---|---:|---:|---:|',
    ...rows.map((r) =>
      r.variant === 'bare'
        ? `| bare | ${r.us.toFixed(1)} µs | — | — |`
        : `| ${r.variant} | ${r.us.toFixed(1)} µs | ${percent(r.overhead)} | ${percent(r.min)} … ${percent(r.max)} |`,
    ),
  ].join('\n');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const framework of process.argv[2] ? [process.argv[2]] : Object.keys(FRAMEWORKS)) {
    console.log(`${overheadTable(framework, await runOverheadBenchmark(framework))}\n`);
  }
}
