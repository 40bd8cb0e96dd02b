import type { Exemplar } from './exemplar';
import { traceExemplar } from './trace-context';

interface SpanContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
}

// What @opentelemetry/api 1.x registers on globalThis (src/internal/global-utils.ts): its global
// API object under Symbol.for('opentelemetry.js.api.1'), whose `context` is the context
// manager; the active span sits in the active context under the key
// Symbol.for('OpenTelemetry Context Key SPAN') (src/trace/context-utils.ts).
interface OpenTelemetryGlobal {
  readonly context?: { active(): { getValue(key: symbol): unknown } };
}

/**
 * The exemplar of the active OpenTelemetry span, `{ labels: { trace_id, span_id } }`, or
 * undefined when there is none, or it is invalid or not sampled. Works with
 * `@opentelemetry/api` 1.x; nothing is imported: it reads the API's global registry, so it
 * costs nothing to users without OpenTelemetry.
 *
 * @example
 * latency.observe({ route: '/users/:id' }, seconds, spanExemplar());
 */
export function spanExemplar(): Exemplar | undefined {
  const api = (globalThis as Record<symbol, OpenTelemetryGlobal | undefined>)[Symbol.for('opentelemetry.js.api.1')];
  const span = api?.context?.active().getValue(Symbol.for('OpenTelemetry Context Key SPAN')) as { spanContext?: () => SpanContext } | undefined;
  const context = typeof span?.spanContext === 'function' ? span.spanContext() : undefined;
  if (!context || typeof context.traceId !== 'string' || typeof context.spanId !== 'string') return undefined;
  // OpenTelemetry accepts uppercase hex ids; exemplars carry the W3C (lowercase) spelling.
  return traceExemplar(context.traceId.toLowerCase(), context.spanId.toLowerCase(), (context.traceFlags & 1) === 1);
}
