import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negotiate, prefersOpenMetrics } from './negotiate';

const q = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);

describe('prefersOpenMetrics', () => {
  it.each([
    ['application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1', true],
    ['application/openmetrics-text;version=0.0.1', true],
    ['APPLICATION/OpenMetrics-Text ; Version=1.0.0', true],
    ['application/*;q=0.9,text/plain;q=0.5', true],
    ['application/*', true],
    ['*/*', false],
    ['', false],
    ['text/plain', false],
    ['application/openmetrics-text;q=0.3,text/plain;q=0.9', false],
    ['text/plain;q=0.3,application/openmetrics-text;q=0.9', true],
    ['application/openmetrics-text;version=2.0.0,text/plain;q=0.5', false],
    ['application/openmetrics-text;q=0', false],
    ['application/openmetrics-text; q=0.0, text/plain', false],
    ['application/openmetrics-text;q=0,*/*', false],
    ['application/openmetrics-text;q=bogus,text/plain;q=0.1', false],
    ['text/plain;version=0.0.5,application/openmetrics-text;q=0.1', true],
  ])('answers %j with %s', (accept, expected) => {
    expect(prefersOpenMetrics(accept)).toBe(expected);
  });

  it('prefers OpenMetrics exactly when it is given a higher q than text, or the same q by name (property)', () => {
    fc.assert(
      fc.property(q, q, fc.boolean(), (om, text, omFirst) => {
        const ranges = [`application/openmetrics-text;version=1.0.0;q=${om}`, `text/plain;version=0.0.4;q=${text}`];
        const accept = (omFirst ? ranges : ranges.reverse()).join(', ');
        expect(prefersOpenMetrics(accept)).toBe(om > text || (om > 0 && om === text));
      }),
      { seed: 20261129, numRuns: 500 },
    );
  });

  it('does not depend on the order of the ranges, and never throws, for any header (property)', () => {
    const range = fc.oneof(
      fc.constantFrom('application/openmetrics-text', 'text/plain', '*/*', 'application/*', 'text/*', 'text/html'),
      fc.string(),
    );
    const param = fc.oneof(q.map((v) => `q=${v}`), fc.constantFrom('version=1.0.0', 'version=0.0.1', 'version=0.0.4', 'charset=utf-8'), fc.string());
    const header = fc.array(fc.tuple(range, fc.array(param, { maxLength: 3 })), { maxLength: 6 });
    fc.assert(
      fc.property(header, (ranges) => {
        const text = ranges.map(([media, params]) => [media, ...params].join(';'));
        if (text.some((r) => r.includes(','))) return;
        expect(prefersOpenMetrics(text.join(','))).toBe(prefersOpenMetrics([...text].reverse().join(',')));
      }),
      { seed: 20261129, numRuns: 500 },
    );
  });
});

describe('negotiate', () => {
  const protobuf = { mediaType: 'application/vnd.google.protobuf', params: { proto: ['io.prometheus.client.MetricFamily'], encoding: ['delimited'] } };
  const openmetrics = { mediaType: 'application/openmetrics-text', params: { version: ['1.0.0', '0.0.1'] } };
  const offers = [openmetrics, protobuf];
  it.each([
    // Prometheus 2.42 with --enable-feature=native-histograms (FORMAT.md).
    ['application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1', protobuf],
    ['application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1', openmetrics],
    ['application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text,text/plain;q=0.5', undefined],
    ['application/vnd.google.protobuf;proto=other.Message,text/plain;q=0.5', undefined],
    ['application/vnd.google.protobuf;q=0.4,application/openmetrics-text;q=0.5', openmetrics],
    ['*/*', undefined],
    ['', undefined],
  ])('picks for %j', (accept, expected) => {
    expect(negotiate(accept, offers)).toBe(expected);
  });
});
