// Parse speed: @promkit/parse against parse-prometheus-text-format (npm) on the same
// 10,000-line exposition, in alternating rounds of one process.
import { fileURLToPath } from 'node:url';
import { Registry } from '@promkit/core';
import { parse } from '@promkit/parse';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { compare, formatNs } from './harness.mjs';

// 2,000 counter series and 571 histogram series (11 buckets, +Inf, sum, count): 10,000 lines.
function exposition() {
  const registry = new Registry();
  const requests = registry.counter({ name: 'http_requests_total', help: 'Requests.', labelNames: ['method', 'route', 'status_code'] });
  const latency = registry.histogram({ name: 'http_request_duration_seconds', help: 'Latency.', labelNames: ['route'] });
  for (let i = 0; i < 2000; i++) requests.inc({ method: ['GET', 'POST'][i % 2], route: `/r/${i}`, status_code: 200 + (i % 4) }, i);
  for (let i = 0; i < 571; i++) latency.observe({ route: `/r/${i}` }, i / 100);
  return registry.metrics();
}

export async function runParseBenchmark() {
  const text = exposition();
  const lines = text.split('\n').length - 1;
  const result = await compare(
    {
      promkit: (n) => {
        for (let i = 0; i < n; i++) parse(text);
      },
      'parse-prometheus-text-format': (n) => {
        for (let i = 0; i < n; i++) parsePrometheusTextFormat(text);
      },
    },
    { iterations: 5, rounds: 9, warmup: 2 },
  );
  const other = result['parse-prometheus-text-format'];
  return { lines, promkit: formatNs(result.promkit), other: formatNs(other), ratio: other / result.promkit };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runParseBenchmark();
  console.log(`| parse ${r.lines} lines | promkit | parse-prometheus-text-format | ratio |`);
  console.log('|---|---:|---:|---:|');
  console.log(`| per exposition | ${r.promkit} | ${r.other} | ${r.ratio.toFixed(1)}x |`);
}
