import { type Exemplar, spanExemplar, traceparentExemplar } from '@promkit/core';

/**
 * Where the HTTP metrics take their exemplars from: `'traceparent'`, the request's W3C
 * `traceparent` header; `'span'`, the active OpenTelemetry span when the request starts.
 *
 * @example
 * const exemplars: ExemplarSource = 'traceparent';
 */
export type ExemplarSource = 'traceparent' | 'span';

/** Takes the exemplar of a request from its `traceparent` header (ignored for `'span'`). */
export type ExemplarTaker = (traceparent: string | null | undefined) => Exemplar | undefined;

/**
 * The exemplar taker of the `exemplars` option, undefined when it is off; a TypeError naming
 * the option for anything but its two values, when the metrics are created. A span that fails
 * to say its context goes to `report` and gives no exemplar: the request is still recorded.
 */
export function exemplarTaker(source: unknown, report: (error: unknown) => void): ExemplarTaker | undefined {
  if (source === undefined) return undefined;
  if (source === 'traceparent') return traceparentExemplar;
  if (source === 'span') {
    return () => {
      try {
        return spanExemplar();
      } catch (error) {
        report(error);
        return undefined;
      }
    };
  }
  throw new TypeError(`createHttpMetrics: option "exemplars" must be 'traceparent' or 'span', got ${typeof source === 'string' ? JSON.stringify(source) : String(source)}`);
}
