import type { Counter } from './counter';
import type { InternalErrorHandler } from './error-sink';
import type { Gauge } from './gauge';
import type { Histogram } from './histogram';
import type { Summary } from './summary';
import type { MediaOffer } from './negotiate';
import type { MetricFamilySnapshot } from './snapshot';
import type { LabelValue } from './types';

/** Any metric a registry holds. */
export type AnyMetric = Counter<string> | Gauge<string> | Histogram<string> | Summary<string>;

/** Options of a {@link Registry}. */
export interface RegistryOptions {
  /** Labels added to every series of every metric (a metric's own label of the same name wins). Default: none. */
  readonly labels?: Readonly<Record<string, LabelValue>>;
  /** Series cap of each metric that sets none itself. Default: 10,000. */
  readonly maxSeries?: number;
  /** Receives every error a `collect` throws or rejects with. Default: core's `errorSink` (logs the first with `console.error`). */
  readonly onInternalError?: InternalErrorHandler;
  /** Add OpenMetrics `_created` samples (series creation times) to counters, histograms and summaries; never in text 0.0.4. Default: false. */
  readonly created?: boolean;
}

/** The exposition format: Prometheus text 0.0.4 (`'text'`) or OpenMetrics 1.0 (`'openmetrics'`). */
export type ExpositionFormat = 'text' | 'openmetrics';

/** A rendered scrape: the body and the exact content type of its format. */
export interface Scrape {
  readonly contentType: string;
  /** Text for the text formats; bytes for a binary format added with `registry.addFormat`. */
  readonly body: string | Uint8Array;
}

/** A scrape in one of the text formats, whose body is a string. */
export interface TextScrape extends Scrape {
  readonly body: string;
}

/**
 * An exposition format beyond the two text formats, added to a registry with
 * `registry.addFormat()` and then served by `scrape()` (and every adapter) to scrapers whose
 * `Accept` header prefers it: e.g. the protobuf format of `@promkit/protobuf`.
 *
 * @example
 * const json: ExpositionEncoder = {
 *   mediaType: 'application/json', params: {}, contentType: 'application/json',
 *   encode: (families) => new TextEncoder().encode(JSON.stringify(families)),
 * };
 * registry.addFormat(json);
 */
export interface ExpositionEncoder extends MediaOffer {
  /** The exact `Content-Type` of what `encode` returns. */
  readonly contentType: string;
  /** Renders the registry's families (collects already run) as the response body. */
  encode(families: readonly MetricFamilySnapshot[]): Uint8Array;
}
