import type { LabelValue, NativeBuckets, Registry } from '@promkit/core';
import type { ExemplarSource } from './exemplars';

/**
 * The names of the labels of the HTTP metrics, each optional.
 *
 * @example
 * const labelNames: HttpLabelNames = { status: 'code', route: 'path' };
 */
export interface HttpLabelNames {
  /** Name of the request method label. Default: `'method'`. */
  readonly method?: string;
  /** Name of the route label (also on `http_request_errors_total`). Default: `'route'`. */
  readonly route?: string;
  /** Name of the response status label. Default: `'status_code'`. */
  readonly status?: string;
}

/**
 * Options of {@link createHttpMetrics}. Every option has a default; `createHttpMetrics()` alone
 * records the four default metrics in the default registry.
 *
 * @example
 * const options: HttpMetricsOptions = { prefix: 'api_', exclude: ['/metrics', '/healthz'] };
 */
export interface HttpMetricsOptions {
  /** Where the metrics are registered. Default: core's `defaultRegistry`. */
  readonly registry?: Registry;
  /** Prefix of every metric name, e.g. `'api_'` gives `api_http_requests_total`. Default: none. */
  readonly prefix?: string;
  /** Static labels added to every series, e.g. `{ service: 'checkout' }`. Default: none. */
  readonly labels?: Readonly<Record<string, LabelValue>>;
  /** Buckets of the duration histogram, in seconds. Default: {@link HTTP_DURATION_BUCKETS}. */
  readonly buckets?: readonly number[];
  /**
   * Native buckets for the duration histogram too (`nativeBuckets()` of `@promkit/protobuf`),
   * served in the protobuf format to a Prometheus started with
   * `--enable-feature=native-histograms`; text scrapes keep the classic `buckets`. Default: none.
   */
  readonly native?: NativeBuckets;
  /** Also record `http_request_size_bytes` and `http_response_size_bytes` histograms (from Content-Length). Default: false. */
  readonly sizes?: boolean;
  /** Paths not recorded at all: exact strings, patterns, or a predicate. Default: `['/metrics']`. */
  readonly exclude?: ReadonlyArray<string | RegExp> | ((path: string) => boolean);
  /** Turns a path into a `route` label when the framework knows no route template. Default: {@link normalizePath}. */
  readonly normalizePath?: (path: string) => string;
  /** Most distinct routes made from raw paths; later ones are recorded as {@link OVERFLOW_ROUTE}. Default: 100. */
  readonly maxRoutes?: number;
  /** A segment of a route made from a raw path that is longer than this many characters becomes `:id`. Default: 64. */
  readonly maxSegmentLength?: number;
  /** A route made from a raw path is cut at this many characters and ends in {@link TRUNCATED_MARK}. Default: 128. */
  readonly maxRouteLength?: number;
  /**
   * Names of the `method`, `route` and `status_code` labels, to keep dashboards written for
   * other libraries working: `{ status: 'code', route: 'path' }` gives express-prom-bundle's
   * names. Default: `{ method: 'method', route: 'route', status: 'status_code' }`.
   */
  readonly labelNames?: HttpLabelNames;
  /**
   * Exemplars on `http_requests_total` and on the duration bucket each request falls in, so a
   * latency spike links to its trace (OpenMetrics only; text 0.0.4 is unchanged):
   * `'traceparent'` reads the request's W3C `traceparent` header, `'span'` takes the active
   * OpenTelemetry span when the request starts (with OpenTelemetry's HTTP instrumentation, the
   * server span). Only sampled traces give one: `{ trace_id, span_id }`. Default: none.
   */
  readonly exemplars?: ExemplarSource;
  /** `false` records no metric: only the callbacks run. Default: true. */
  readonly metrics?: boolean;
  /** Called when a request starts, with its method label and path. */
  readonly onRequestStart?: (method: string, path: string) => void;
  /** Called when a request ends (aborted ones with status 499), with the same `route` label the metrics use. */
  readonly onRequestEnd?: (method: string, path: string, status: number, durationSeconds: number, route: string) => void;
  /** Called when a handler throws, with the `error_type` label, the path and the error. */
  readonly onError?: (errorType: string, path: string, error: unknown) => void;
  /** Receives anything thrown by a callback or a metric, which never reaches the request. Default: logs the first one with `console.error`. */
  readonly onInternalError?: (error: unknown) => void;
}

/**
 * Default buckets of `http_request_duration_seconds`: OpenTelemetry's HTTP server boundaries,
 * 5 ms to 10 s, denser than Prometheus's defaults where web latencies sit.
 *
 * @example
 * createHttpMetrics({ buckets: [...HTTP_DURATION_BUCKETS, 30] });
 */
export const HTTP_DURATION_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/**
 * Buckets of the size histograms, in bytes: 64 B to 16 MiB by powers of four.
 *
 * @example
 * createHttpMetrics({ sizes: true }); // uses HTTP_SIZE_BUCKETS
 */
export const HTTP_SIZE_BUCKETS: readonly number[] = [64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216];

/**
 * The status recorded for requests the client aborted before the response was sent (nginx's "client closed request").
 *
 * @example
 * request.abort(); // recorded with status_code="499"
 */
export const ABORTED_STATUS = 499;
