import type { Exemplar } from './exemplar';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/**
 * The exemplar of a sampled trace: `{ labels: { trace_id, span_id } }`, or undefined unless
 * both ids are valid per W3C Trace Context (lowercase hex of 32 and 16 digits, not all zero).
 */
export const traceExemplar = (traceId: string, spanId: string, sampled: boolean): Exemplar | undefined =>
  sampled && TRACE_ID.test(traceId) && SPAN_ID.test(spanId) && traceId !== ZERO_TRACE_ID && spanId !== ZERO_SPAN_ID
    ? { labels: { trace_id: traceId, span_id: spanId } }
    : undefined;

// W3C Trace Context, "traceparent Header": version "-" trace-id "-" parent-id "-" trace-flags,
// all lowercase hex. Version ff is invalid; a higher version than 00 is read as 00 when its
// first 55 characters have the 00 layout and a "-" (or nothing) follows them.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/s;

/**
 * The exemplar of a W3C `traceparent` header, `{ labels: { trace_id, span_id } }` (`span_id`
 * is the header's parent-id: the caller's span), or undefined when the header is missing,
 * malformed, or its trace is not sampled (flag bit 0x01), so exemplars point only at traces
 * that were kept.
 *
 * @example
 * const exemplar = traceparentExemplar(request.headers.get('traceparent'));
 * requests.inc({ route: '/users/:id' }, 1, exemplar);
 */
export function traceparentExemplar(header: string | null | undefined): Exemplar | undefined {
  const match = typeof header === 'string' ? TRACEPARENT.exec(header) : null;
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  return traceExemplar(traceId, spanId, (parseInt(flags, 16) & 1) === 1);
}
