import { defaultRegistry, errorSink, type NativeBuckets, type Registry } from '@promkit/core';
import { excluder } from './exclude';
import { type ExemplarSource, exemplarTaker } from './exemplars';
import { labelMakers } from './label-names';
import { normalizeMethod } from './method';
import { HTTP_DURATION_BUCKETS, HTTP_SIZE_BUCKETS, type HttpMetricsOptions } from './options';
import { pathOf } from './path';
import { IGNORED, type HttpRequest, RecordedRequest, type Recorder } from './request';
import { routeLabeler } from './route-label';

/**
 * Framework-neutral HTTP metrics: adapters call `start` when a request arrives and end the
 * returned {@link HttpRequest}.
 *
 * @example
 * const http = createHttpMetrics({ exclude: ['/metrics', '/healthz'] });
 * const request = http.start('GET', '/users/42');
 * request.end(200, '/users/:id');
 */
export interface HttpMetrics {
  /** The registry the metrics live in. */
  readonly registry: Registry;
  /** Whether body sizes are recorded, so adapters read them only then. */
  readonly sizes: boolean;
  /** Where exemplars come from, undefined when off: adapters read the `traceparent` header only for `'traceparent'`. */
  readonly exemplars: ExemplarSource | undefined;
  /**
   * Starts recording a request from its method and request target (origin- or absolute-form);
   * excluded paths get a handle that records nothing. `traceparent` is the request's header,
   * used only when `exemplars` is `'traceparent'`.
   */
  start(method: string, target: string, traceparent?: string | null): HttpRequest;
  /** The `onInternalError` sink these metrics report through, for adapters to report their own failures. */
  onInternalError(error: unknown): void;
}

/**
 * Creates the HTTP request metrics (`http_requests_total`, `http_request_duration_seconds`,
 * `http_requests_in_flight`, `http_request_errors_total`) and the callbacks adapters drive.
 * Calling it twice with one registry reuses the metrics. Nothing it does throws into a request.
 *
 * @example
 * const http = createHttpMetrics({
 *   registry,
 *   onRequestEnd: (method, path, status, seconds) => log.info({ method, path, status, seconds }),
 * });
 */
export function createHttpMetrics(options: HttpMetricsOptions = {}): HttpMetrics {
  const { registry = defaultRegistry, prefix = '', labels = {}, buckets = HTTP_DURATION_BUCKETS, sizes = false } = options;
  const { names, labelsOf, errorLabelsOf } = labelMakers(options);
  const extraNames = names.slice(3);
  const on = options.metrics !== false;
  const histogram = (name: string, help: string, unit: string, histogramBuckets: readonly number[], native?: NativeBuckets) =>
    registry.histogram({ name: `${prefix}${name}`, help, labelNames: names, buckets: histogramBuckets, unit, native });
  const sizeHistogram = (what: string) =>
    on && sizes ? histogram(`http_${what}_size_bytes`, `HTTP ${what} body sizes in bytes (from Content-Length).`, 'bytes', HTTP_SIZE_BUCKETS) : undefined;
  const recorder: Recorder = {
    requests: on ? registry.counter({ name: `${prefix}http_requests_total`, help: 'HTTP requests completed (aborted ones with status_code 499).', labelNames: names }) : undefined,
    duration: on ? histogram('http_request_duration_seconds', 'HTTP request durations in seconds, until the response is sent.', 'seconds', buckets, options.native) : undefined,
    requestSize: sizeHistogram('request'),
    responseSize: sizeHistogram('response'),
    errors: on ? registry.counter({ name: `${prefix}http_request_errors_total`, help: 'HTTP handler exceptions, by error class.', labelNames: ['error_type', names[1] as string, ...extraNames] }) : undefined,
    inFlight: on ? registry.gauge({ name: `${prefix}http_requests_in_flight`, help: 'HTTP requests being served.', labelNames: extraNames }).labels(labels as never) : undefined,
    labelsOf,
    errorLabelsOf,
    route: routeLabeler(options),
    options,
    report: errorSink(options.onInternalError, 'an HTTP metrics callback or metric'),
  };
  const excluded = excluder(options.exclude);
  const taker = exemplarTaker(options.exemplars, recorder.report);
  const exemplarOf = on ? taker : undefined;
  return {
    registry,
    sizes: on && sizes,
    exemplars: exemplarOf && options.exemplars,
    start(method, target, traceparent) {
      try {
        const path = pathOf(target);
        if (excluded(path)) return IGNORED;
        return new RecordedRequest(recorder, normalizeMethod(method), path, exemplarOf?.(traceparent));
      } catch (error) {
        recorder.report(error);
        return IGNORED;
      }
    },
    onInternalError: recorder.report,
  };
}
