// The demo service: an Express 5 app instrumented with @promkit/express (request durations in
// classic and native buckets, exemplars from the callers' traceparent), calling a flaky
// "inventory" dependency through a small circuit breaker instrumented with @promkit/breaker,
// and a summary of order totals. Used by `demo/main.mjs` and by the Prometheus integration test.
import { createBreakerMetrics } from '@promkit/breaker';
import { prometheus } from '@promkit/express';
import { nativeBuckets } from '@promkit/protobuf';
import express from 'express';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A breaker the way many codebases hand-roll one: open after 3 failures in a row, try again
// (half-open) after `resetMs`, close on the first success.
function createBreaker({ registry, resetMs }) {
  const metrics = createBreakerMetrics({ name: 'inventory', registry });
  let state = 'closed';
  let failures = 0;
  let openedAt = 0;
  const move = (to) => {
    metrics.stateChange(state, to);
    state = to;
  };
  return async (action) => {
    if (state === 'open') {
      if (Date.now() - openedAt < resetMs) {
        metrics.rejected();
        throw new Error('inventory breaker is open');
      }
      move('half_open');
    }
    const started = performance.now();
    try {
      const result = await action();
      metrics.success((performance.now() - started) / 1000);
      failures = 0;
      if (state !== 'closed') move('closed');
      return result;
    } catch (error) {
      metrics.failure(error, (performance.now() - started) / 1000);
      if (state === 'half_open' || ++failures >= 3) {
        openedAt = Date.now();
        move('open');
      }
      throw error;
    }
  };
}

/** The demo app; `failInventory()` makes the dependency fail until `healInventory()`. */
export function createDemoApp({ registry, resetMs = 2000 } = {}) {
  let inventoryDown = false;
  const breaker = createBreaker({ registry, resetMs });
  const app = express();
  app.use(prometheus({ registry, exclude: ['/metrics', '/healthz'], native: nativeBuckets(), exemplars: 'traceparent' }));
  const orderTotals = registry.summary({
    name: 'demo_order_total_dollars',
    help: 'Totals of the orders read, in dollars.',
    unit: 'dollars',
    quantiles: [0.5, 0.9, 0.99],
  });
  app.get('/healthz', (_req, res) => res.send('ok'));
  app.get('/users/:id', async (req, res) => {
    await sleep(Math.random() * 20);
    res.json({ id: req.params.id, name: 'Ada' });
  });
  const orders = express.Router();
  orders.get('/:orderId', async (req, res) => {
    await sleep(5 + Math.random() * 60);
    const total = Math.round(Math.random() * 20000) / 100;
    orderTotals.observe(total);
    res.json({ id: req.params.orderId, total });
  });
  orders.post('/', (_req, res) => res.status(201).json({ created: true }));
  app.use('/orders', orders);
  app.get('/stock/:sku', async (req, res) => {
    try {
      const count = await breaker(async () => {
        await sleep(10);
        if (inventoryDown) throw new Error('inventory timed out');
        return 7;
      });
      res.json({ sku: req.params.sku, count });
    } catch (error) {
      res.status(503).json({ error: error.message });
    }
  });
  app.get('/crash', () => {
    throw new TypeError('demo handler bug');
  });
  app.use((error, _req, res, _next) => res.status(500).json({ error: error.message }));
  return {
    app,
    failInventory: () => (inventoryDown = true),
    healInventory: () => (inventoryDown = false),
  };
}

// A sampled W3C traceparent, as a traced caller sends: the request's exemplars carry its ids.
const hex = (bytes) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
const traceparent = () => `00-${hex(16)}-${hex(8)}-01`;

/** Sends a mix of requests: pages, ids, 404s, a crash, and a dependency outage the breaker absorbs. */
export async function driveTraffic(url, demo, rounds = 1) {
  const get = (path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { traceparent: traceparent() } }).then((r) => r.arrayBuffer());
  for (let round = 0; round < rounds; round++) {
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => get(`/users/${Math.floor(Math.random() * 1e6) + i}`)),
      ...Array.from({ length: 8 }, (_, i) => get(`/orders/${crypto.randomUUID()}${i}`)),
      get('/orders', { method: 'POST' }),
      get(`/no/such/page/${Math.random().toString(36).slice(2)}`),
      get('/crash'),
    ]);
    for (let i = 0; i < 4; i++) await get(`/stock/sku-${i}`);
    demo.failInventory();
    for (let i = 0; i < 6; i++) await get(`/stock/sku-${i}`);
    demo.healInventory();
  }
}
