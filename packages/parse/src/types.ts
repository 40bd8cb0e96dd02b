/** A metric family's type: Prometheus text 0.0.4 types plus those OpenMetrics adds. */
export type FamilyType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped' | 'unknown' | 'gaugehistogram' | 'info' | 'stateset';

/** An OpenMetrics exemplar: labels (e.g. a trace id), a value and an optional timestamp. */
export interface Exemplar {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly timestamp?: number;
}

/**
 * One sample line: `name{labels} value timestamp`.
 *
 * @example
 * const sample: Sample = { name: 'http_requests_total', labels: { method: 'GET' }, value: 3 };
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** Milliseconds in text 0.0.4, seconds in OpenMetrics, as written. */
  readonly timestamp?: number;
  readonly exemplar?: Exemplar;
}

/**
 * A metric family: its descriptors and its samples, in the order they were written.
 *
 * @example
 * const [family] = parse('# TYPE up gauge\nup 1\n');
 * family.samples[0]?.value; // 1
 */
export interface MetricFamily {
  readonly name: string;
  readonly type: FamilyType;
  readonly help?: string;
  readonly unit?: string;
  readonly samples: Sample[];
}

/** The exposition format of a text. */
export type Format = 'text' | 'openmetrics';

/**
 * A text that does not follow its format: `line` (1-based) and what was expected there.
 *
 * @example
 * try { parse('up{a=1} 1\n'); } catch (error) { (error as ParseError).line; } // 1
 */
export class ParseError extends Error {
  /** The line the problem is on, counted from 1. */
  readonly line: number;

  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'ParseError';
    this.line = line;
  }
}
