import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AlwaysOffSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { Registry, spanExemplar } from './index';

// The real @opentelemetry/api, SDK and context manager: spanExemplar reads what they register
// on globalThis, without importing any of them.
const useContext = (): void => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
};

afterEach(() => {
  trace.disable();
  context.disable();
});

describe('spanExemplar', () => {
  it('gives the trace and span ids of the active sampled span, which a counter then renders', () => {
    useContext();
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    const registry = new Registry();
    const jobs = registry.counter({ name: 'jobs_total', help: 'h' });
    const ids = trace.getTracer('test').startActiveSpan('job', (span) => {
      jobs.inc(1, spanExemplar());
      const exemplar = spanExemplar();
      span.end();
      return { exemplar, context: span.spanContext() };
    });
    expect(ids.context.traceFlags & TraceFlags.SAMPLED).toBe(TraceFlags.SAMPLED);
    expect(ids.exemplar).toEqual({ labels: { trace_id: ids.context.traceId, span_id: ids.context.spanId } });
    expect(registry.metrics('openmetrics')).toMatch(
      new RegExp(`^jobs_total 1 # \\{trace_id="${ids.context.traceId}",span_id="${ids.context.spanId}"\\} 1 \\d+(\\.\\d+)?$`, 'm'),
    );
  });

  it('follows the active span across await', async () => {
    useContext();
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    const [exemplar, spanId] = await trace.getTracer('test').startActiveSpan('job', async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      span.end();
      return [spanExemplar(), span.spanContext().spanId] as const;
    });
    expect(exemplar?.labels.span_id).toBe(spanId);
  });

  it('gives nothing outside a span, and without OpenTelemetry set up', () => {
    expect(spanExemplar()).toBeUndefined();
    useContext();
    expect(spanExemplar()).toBeUndefined();
    // A context manager but no tracer provider: the API's spans are invalid no-ops.
    expect(trace.getTracer('test').startActiveSpan('job', (span) => (span.end(), spanExemplar()))).toBeUndefined();
  });

  it('gives nothing for a span that was not sampled', () => {
    useContext();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ sampler: new AlwaysOffSampler() }));
    const result = trace.getTracer('test').startActiveSpan('job', (span) => (span.end(), [spanExemplar(), span.spanContext()] as const));
    expect(result[1].traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(result[0]).toBeUndefined();
  });

  it('gives the ids of a span made active by hand from a remote context', () => {
    useContext();
    const remote = trace.wrapSpanContext({ traceId: '4BF92F3577B34DA6A3CE929D0E0E4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED, isRemote: true });
    const exemplar = context.with(trace.setSpan(context.active(), remote), spanExemplar);
    expect(exemplar).toEqual({ labels: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' } });
  });
});
