// Express 5 overhead of each metrics middleware: server CPU microseconds per request under a
// loopback load from this (second) process, with rotating ids in the paths. Variants run in
// alternating rounds on fresh server processes; the median round counts.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const VARIANTS = (process.env.BENCH_VARIANTS ?? 'bare,promkit,express-prom-bundle,@promster/express').split(',');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
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
  const bare = median(perRequest.bare);
  return VARIANTS.map((variant) => {
    const us = median(perRequest[variant]);
    return { variant, us, overhead: variant === 'bare' ? 0 : (us / bare - 1) * 100 };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await runExpressBenchmark();
  console.log('| Express 5 | server CPU per request | overhead vs bare |');
  console.log('|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.variant} | ${r.us.toFixed(1)} µs | ${r.variant === 'bare' ? '—' : `${r.overhead >= 0 ? '+' : ''}${r.overhead.toFixed(1)} %`} |`);
}
