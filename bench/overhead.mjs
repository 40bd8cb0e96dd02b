// Framework overhead of metrics middleware: server CPU microseconds per request under a
// loopback load from this (second) process, with rotating ids in the paths. Variants run in
// alternating rounds on fresh server processes. A variant's overhead is the median over rounds
// of its CPU against the bare server's in the same round, which cancels the machine's drift;
// the range of those per-round overheads shows how noisy the run was.
//
// A server script is run as `node <server> <variant> <port>`, prints `ready` when listening,
// serves `GET /__cpu` (`{ micros }`: its process CPU time so far), `/users/:id` and
// `/orders/:orderId/items/:itemId`, and exits on SIGTERM.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import autocannon from 'autocannon';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function start(server, variant) {
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

/** Runs every variant (the first must be `bare`) of a server script; one row per variant. */
export async function measureOverhead(server, variants) {
  const perRequest = Object.fromEntries(variants.map((v) => [v, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of variants) {
      const app = await start(server, variant);
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
  return variants.map((variant) => {
    const overheads = perRequest[variant].map((us, round) => (us / perRequest.bare[round] - 1) * 100);
    return { variant, us: median(perRequest[variant]), overhead: median(overheads), min: Math.min(...overheads), max: Math.max(...overheads) };
  });
}

const percent = (value) => `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;

/** The benchmark's rows as a Markdown table headed by the framework's name. */
export const overheadTable = (framework, rows) =>
  [
    `| ${framework} | server CPU per request | overhead vs bare (median of rounds) | per-round range |`,
    '|---|---:|---:|---:|',
    ...rows.map((r) =>
      r.variant === 'bare'
        ? `| bare | ${r.us.toFixed(1)} µs | — | — |`
        : `| ${r.variant} | ${r.us.toFixed(1)} µs | ${percent(r.overhead)} | ${percent(r.min)} … ${percent(r.max)} |`,
    ),
  ].join('\n');
