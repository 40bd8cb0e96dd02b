// The promkit demo: register a few metrics, record values, print the exposition in both
// formats. Run with `pnpm demo` (builds the packages first).
import { exponentialBuckets, Registry } from '@promkit/core';

const registry = new Registry({ labels: { service: 'demo' } });

const requests = registry.counter({
  name: 'http_requests_total',
  help: 'HTTP requests served.',
  labelNames: ['method', 'route', 'status_code'],
});
const inFlight = registry.gauge({ name: 'http_requests_in_flight', help: 'Requests being served now.' });
const latency = registry.histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to serve a request.',
  unit: 'seconds',
  labelNames: ['route'],
  buckets: exponentialBuckets(0.005, 4, 5),
});
const queue = ['a', 'b', 'c'];
registry.gauge({ name: 'jobs_queued', help: 'Jobs waiting in the queue.', collect: (g) => g.set(queue.length) });

// The same name registered again returns the same counter (hot reload, tests, two modules).
if (registry.counter({ name: 'http_requests_total', help: 'again', labelNames: ['route', 'method', 'status_code'] }) !== requests) {
  throw new Error('get-or-create failed');
}

const getUser = requests.labels({ method: 'GET', route: '/users/:id', status_code: 200 });
for (const seconds of [0.004, 0.012, 0.03, 0.2, 1.4]) {
  inFlight.inc();
  getUser.inc();
  latency.observe({ route: '/users/:id' }, seconds);
  inFlight.dec();
}
requests.inc({ method: 'POST', route: '/users', status_code: 201 });
requests.inc({ method: 'GET', route: '/missing', status_code: 404 }, 2);

console.log('=== Prometheus text format 0.0.4 ===\n');
console.log(registry.metrics());
console.log('=== OpenMetrics 1.0 ===\n');
console.log(registry.metrics('openmetrics'));
console.log('Content negotiation for a Prometheus scrape:', registry.scrape('application/openmetrics-text;version=1.0.0').contentType);
