import { execFileSync } from 'node:child_process';
import { Registry } from '@promkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpMetrics } from './http-metrics';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';
const SAMPLED = `00-${TRACE}-${SPAN}-01`;
const EXEMPLAR = `{trace_id="${TRACE}",span_id="${SPAN}"}`;
const OTEL_API = Symbol.for('opentelemetry.js.api.1');

let now = 0;
beforeEach(() => {
  now = 1000;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_123);
});
afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as Record<symbol, unknown>)[OTEL_API];
});

// One GET of /users/:id taking 42 ms, with `traceparent`.
function record(options: Parameters<typeof createHttpMetrics>[0], traceparent?: string | null): Registry {
  const registry = new Registry();
  const http = createHttpMetrics({ registry, buckets: [0.01, 0.05, 0.1], ...options });
  const request = http.start('GET', '/users/7', traceparent);
  now += 42;
  request.end(200, '/users/:id');
  return registry;
}

const exemplarLines = (registry: Registry) => registry.metrics('openmetrics').split('\n').filter((line) => line.includes(' # {'));
const LABELS = 'method="GET",route="/users/:id",status_code="200"';

describe('exemplars: traceparent', () => {
  it('puts the sampled trace on the request counter and on the duration bucket the request fell in', () => {
    expect(exemplarLines(record({ exemplars: 'traceparent' }, SAMPLED))).toEqual([
      `http_requests_total{${LABELS}} 1 # ${EXEMPLAR} 1 1700000000.123`,
      `http_request_duration_seconds_bucket{${LABELS},le="0.05"} 1 # ${EXEMPLAR} 0.042 1700000000.123`,
    ]);
  });

  it('reads as the same exemplars to Python prometheus_client', () => {
    const script = `import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families as om
for f in om(sys.stdin.read()):
    for s in f.samples:
        if s.exemplar: print(s.name, s.labels.get('le'), s.exemplar.labels['trace_id'], s.exemplar.labels['span_id'], s.exemplar.value)`;
    const out = execFileSync('python3', ['-c', script], { input: record({ exemplars: 'traceparent' }, SAMPLED).metrics('openmetrics'), encoding: 'utf8' });
    expect(out).toBe(`http_requests_total None ${TRACE} ${SPAN} 1\nhttp_request_duration_seconds_bucket 0.05 ${TRACE} ${SPAN} 0.042\n`);
  });

  it('gives none for an unsampled, invalid or missing header, and never throws for a hostile one', () => {
    for (const header of [
      `00-${TRACE}-${SPAN}-00`,
      `00-${TRACE.toUpperCase()}-${SPAN}-01`,
      `ff-${TRACE}-${SPAN}-01`,
      `00-${'0'.repeat(32)}-${SPAN}-01`,
      `${SAMPLED},${SAMPLED}`,
      `${SAMPLED}${','.repeat(10_000)}`,
      `00-${TRACE}-${SPAN}-01-é€\u0000`,
      'x'.repeat(100_000),
      '',
      null,
      undefined,
    ]) {
      const registry = record({ exemplars: 'traceparent' }, header);
      expect({ header, lines: exemplarLines(registry) }).toEqual({ header, lines: [] });
      expect(registry.metrics()).toContain(`http_requests_total{${LABELS}} 1\n`);
    }
  });

  it('leaves text 0.0.4 exactly as without exemplars', () => {
    expect(record({ exemplars: 'traceparent' }, SAMPLED).metrics()).toBe(record({}, SAMPLED).metrics());
  });

  it('is off by default, and with metrics: false, whatever header an adapter passes', () => {
    const registry = new Registry();
    expect(createHttpMetrics({ registry }).exemplars).toBeUndefined();
    expect(createHttpMetrics({ registry: new Registry(), metrics: false, exemplars: 'traceparent' }).exemplars).toBeUndefined();
    expect(exemplarLines(record({}, SAMPLED))).toEqual([]);
  });

  it('tells adapters where exemplars come from', () => {
    expect(createHttpMetrics({ registry: new Registry(), exemplars: 'traceparent' }).exemplars).toBe('traceparent');
    expect(createHttpMetrics({ registry: new Registry(), exemplars: 'span' }).exemplars).toBe('span');
  });

  it('refuses an unknown source, naming the option', () => {
    expect(() => createHttpMetrics({ registry: new Registry(), exemplars: 'trace' as never })).toThrow(
      new TypeError(`createHttpMetrics: option "exemplars" must be 'traceparent' or 'span', got "trace"`),
    );
  });
});

describe('exemplars: span', () => {
  // What @opentelemetry/api 1.x keeps on globalThis: its context manager, whose active context holds the span.
  const activeSpan = (span: unknown) => {
    (globalThis as Record<symbol, unknown>)[OTEL_API] = { context: { active: () => ({ getValue: () => span }) } };
  };

  it('takes the span active when the request starts, and ignores the header', () => {
    activeSpan({ spanContext: () => ({ traceId: TRACE, spanId: SPAN, traceFlags: 1 }) });
    expect(exemplarLines(record({ exemplars: 'span' }, `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`))).toEqual([
      `http_requests_total{${LABELS}} 1 # ${EXEMPLAR} 1 1700000000.123`,
      `http_request_duration_seconds_bucket{${LABELS},le="0.05"} 1 # ${EXEMPLAR} 0.042 1700000000.123`,
    ]);
  });

  it('gives none without OpenTelemetry or for an unsampled span', () => {
    expect(exemplarLines(record({ exemplars: 'span' }))).toEqual([]);
    activeSpan({ spanContext: () => ({ traceId: TRACE, spanId: SPAN, traceFlags: 0 }) });
    expect(exemplarLines(record({ exemplars: 'span' }))).toEqual([]);
  });

  it('still records the request when the span fails, and reports why', () => {
    const failure = new Error('context manager gone');
    (globalThis as Record<symbol, unknown>)[OTEL_API] = {
      context: {
        active: () => {
          throw failure;
        },
      },
    };
    const errors: unknown[] = [];
    const registry = record({ exemplars: 'span', onInternalError: (error) => errors.push(error) });
    expect(registry.metrics()).toContain(`http_requests_total{${LABELS}} 1\n`);
    expect(errors).toEqual([failure]);
  });
});
