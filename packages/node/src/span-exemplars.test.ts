// exemplars: 'span' against the real OpenTelemetry API and SDK: the handler runs inside a
// server span, as OpenTelemetry's HTTP instrumentation runs a server's request listener.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { context, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AlwaysOffSampler, AlwaysOnSampler, BasicTracerProvider, type Sampler } from '@opentelemetry/sdk-trace-base';
import { Registry } from '@promkit/core';
import { parse } from '@promkit/parse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listen } from '../../../test/adapters/suite';
import { instrumentHandler } from './instrument-handler';

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => context.disable());

// Serves GET /work (answered on a later tick, so the span must follow the request's async
// context) through instrumentHandler inside one span per request; returns the spans' contexts.
async function serveInSpans(sampler: Sampler, registry: Registry): Promise<SpanContext[]> {
  const tracer = new BasicTracerProvider({ sampler }).getTracer('test');
  const spans: SpanContext[] = [];
  const app = instrumentHandler((_req, res: ServerResponse) => void setTimeout(() => res.end('ok'), 5), { registry, exemplars: 'span', route: () => '/work' });
  const server = await listen(
    createServer((req: IncomingMessage, res: ServerResponse) =>
      tracer.startActiveSpan('GET /work', (span) => {
        spans.push(span.spanContext());
        res.on('close', () => span.end());
        app(req, res);
      }),
    ),
  );
  try {
    for (let i = 0; i < 3; i++) await (await fetch(`${server.url}/work`)).text();
  } finally {
    await server.close();
  }
  return spans;
}

const exemplarsOf = (registry: Registry) =>
  parse(registry.metrics('openmetrics'))
    .flatMap((family) => family.samples)
    .filter((sample) => sample.exemplar)
    .map((sample) => ({ name: sample.name, le: sample.labels.le, labels: sample.exemplar?.labels }));

it('puts the active sampled span of the latest request on the request counter and its duration bucket', async () => {
  const registry = new Registry();
  const spans = await serveInSpans(new AlwaysOnSampler(), registry);
  const last = spans[2] as SpanContext;
  expect(new Set(spans.map((span) => span.traceId)).size).toBe(3);
  const found = exemplarsOf(registry);
  const labels = { trace_id: last.traceId, span_id: last.spanId };
  expect(found.filter((e) => e.name === 'http_requests_total')).toEqual([{ name: 'http_requests_total', le: undefined, labels }]);
  // Each request may fall in another bucket: the latest one's bucket carries the latest span.
  expect(found.filter((e) => e.name === 'http_request_duration_seconds_bucket').map((e) => e.labels)).toContainEqual(labels);
});

it('gives no exemplar for spans that are not sampled', async () => {
  const registry = new Registry();
  const spans = await serveInSpans(new AlwaysOffSampler(), registry);
  expect(spans).toHaveLength(3);
  expect(exemplarsOf(registry)).toEqual([]);
  expect(registry.metrics()).toContain('http_requests_total{method="GET",route="/work",status_code="200"} 3\n');
});
