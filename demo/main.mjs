// The promkit demo: a real Express server with /metrics, some traffic through it, and where
// to look. `pnpm demo` builds the packages and runs this; `--once` exits after the first print.
import { createServer } from 'node:http';
import { Registry } from '@promkit/core';
import { createRuntimeMetrics } from '@promkit/node-runtime';
import { protobuf } from '@promkit/protobuf';
import { createDemoApp, driveTraffic } from './app.mjs';

const once = process.argv.includes('--once');
const registry = new Registry({ labels: { service: 'demo' } });
// Native histograms travel in the protobuf format: served to a Prometheus started with
// --enable-feature=native-histograms; every other scraper still gets text or OpenMetrics.
registry.addFormat(protobuf);
createRuntimeMetrics({ registry });
const demo = createDemoApp({ registry });
const server = createServer(demo.app);

// The port from PORT, else 9464 (an exporter port Prometheus users know), else any free one.
await new Promise((resolve, reject) => {
  server.once('error', (error) => (error.code === 'EADDRINUSE' && !process.env.PORT ? server.listen(0, '127.0.0.1', resolve) : reject(error)));
  server.listen(Number(process.env.PORT ?? 9464), '127.0.0.1', resolve);
});
const url = `http://127.0.0.1:${server.address().port}`;

await driveTraffic(url, demo);
const scrape = await (await fetch(`${url}/metrics`)).text();
const openMetrics = await (await fetch(`${url}/metrics`, { headers: { accept: 'application/openmetrics-text' } })).text();
const pick = (prefixes, text = scrape) => text.split('\n').filter((line) => prefixes.some((p) => line.startsWith(p)));

console.log(`promkit demo: an Express 5 app with @promkit/express, @promkit/breaker, @promkit/node-runtime and @promkit/protobuf\n`);
console.log(`  scrape          curl ${url}/metrics`);
console.log(`  OpenMetrics     curl -H 'Accept: application/openmetrics-text' ${url}/metrics   (with exemplars)`);
console.log(`  protobuf        curl -H 'Accept: application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited' ${url}/metrics -o metrics.pb   (native histograms)`);
console.log(`  try             curl ${url}/users/42   ${url}/stock/sku-1   ${url}/crash\n`);
console.log('A sample of the scrape after one round of traffic:\n');
console.log(
  pick([
    'http_requests_total{',
    'http_request_errors_total{',
    'http_requests_in_flight',
    'http_request_duration_seconds_count{method="GET",route="/users/:id"',
    'circuit_breaker_state{',
    'circuit_breaker_state_changes_total{name="inventory",from="closed",to="open"',
    'circuit_breaker_calls_total{',
    'process_resident_memory_bytes',
    'nodejs_eventloop_lag_p99_seconds',
    'demo_order_total_dollars{',
  ]).join('\n'),
);
console.log('\nIn OpenMetrics, requests carry their caller\'s trace as an exemplar:\n');
console.log(pick(['http_requests_total{method="GET",route="/users/:id"'], openMetrics).slice(0, 1).join('\n'));

if (once) {
  server.closeAllConnections();
  server.close();
} else {
  console.log(`\nServing on ${url} with light traffic every 5 s. Press Ctrl+C to stop.`);
  const timer = setInterval(() => driveTraffic(url, demo).catch(() => {}), 5000);
  process.on('SIGINT', () => {
    clearInterval(timer);
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
