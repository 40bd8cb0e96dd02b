import { describe, expect, it } from 'vitest';
import { traceparentExemplar } from './index';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('traceparentExemplar', () => {
  it('gives the trace and parent ids of a sampled version-00 header', () => {
    expect(traceparentExemplar(`00-${TRACE}-${SPAN}-01`)).toEqual({ labels: { trace_id: TRACE, span_id: SPAN } });
    // Other flag bits are ignored; only the sampled bit (0x01) counts.
    expect(traceparentExemplar(`00-${TRACE}-${SPAN}-03`)).toEqual({ labels: { trace_id: TRACE, span_id: SPAN } });
  });

  it('gives nothing for a trace that was not sampled', () => {
    expect(traceparentExemplar(`00-${TRACE}-${SPAN}-00`)).toBeUndefined();
    expect(traceparentExemplar(`00-${TRACE}-${SPAN}-02`)).toBeUndefined();
  });

  it.each([
    ['missing', undefined],
    ['null (Headers.get)', null],
    ['empty', ''],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['all-zero parent id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['uppercase hex', `00-${TRACE.toUpperCase()}-${SPAN}-01`],
    ['short trace id', `00-${TRACE.slice(1)}-${SPAN}-01`],
    ['long parent id', `00-${TRACE}-${SPAN}0-01`],
    ['non-hex flags', `00-${TRACE}-${SPAN}-0g`],
    ['version ff', `ff-${TRACE}-${SPAN}-01`],
    ['version 00 with more fields', `00-${TRACE}-${SPAN}-01-extra`],
    ['a future version without a dash after 55 characters', `01-${TRACE}-${SPAN}-01x`],
    ['surrounding spaces', ` 00-${TRACE}-${SPAN}-01`],
    ['two headers joined', `00-${TRACE}-${SPAN}-01, 00-${TRACE}-${SPAN}-01`],
    ['not a string', 42],
  ])('gives nothing for a %s header', (_, header) => {
    expect(traceparentExemplar(header as string)).toBeUndefined();
  });

  it('reads a future version as version 00 when its first fields have that layout', () => {
    expect(traceparentExemplar(`cc-${TRACE}-${SPAN}-01`)).toEqual({ labels: { trace_id: TRACE, span_id: SPAN } });
    expect(traceparentExemplar(`cc-${TRACE}-${SPAN}-01-what-the-future-holds`)).toEqual({ labels: { trace_id: TRACE, span_id: SPAN } });
  });
});
