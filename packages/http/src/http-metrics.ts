import { type Counter, defaultRegistry, errorSink, type GaugeChild, type Histogram, type Registry } from '@promkit/core';
import { errorType } from './error-type';
import { excluder } from './exclude';
import { normalizeMethod } from './method';
import { ABORTED_STATUS, HTTP_DURATION_BUCKETS, HTTP_SIZE_BUCKETS, type HttpMetricsOptions } from './options';
import { normalizePath, OVERFLOW_ROUTE, pathOf, UNMATCHED_ROUTE } from './route';

/** Body sizes of one request, in bytes, when the adapter knows them. */
export interface BodySizes {
  readonly request?: number;
  readonly response?: number;
}

/**
 * One request being recorded, from {@link HttpMetrics.start}. `end` and `abort` record it once:
 * later calls do nothing, so the in-flight gauge is left exactly once.
 *
 * @example
 * const request = http.start(req.method, req.url);
 * try { await handle(req, res); } catch (error) { request.error(error); throw error; }
 * finally { request.end(res.statusCode, '/users/:id'); }
 */
export interface HttpRequest {
  /** Remembers a handler error; it is counted (with the route) when the request ends. */
  error(error: unknown): void;
  /** Records the response: `route` is the framework's route template when known. */
  end(status: number, route?: string, sizes?: BodySizes): void;
  /** Records a request the client gave up on, with status {@link ABORTED_STATUS}. */
  abort(route?: string): void;
}

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
  /** Starts recording a request; excluded paths get a handle that records nothing. */
  start(method: string, url: string): HttpRequest;
}

const IGNORED: HttpRequest = { error() {}, end() {}, abort() {} };

type Labels = Record<string, string | number>;

// Everything a request needs, built once per createHttpMetrics call.
interface Recorder {
  readonly requests: Counter<string> | undefined;
  readonly duration: Histogram<string> | undefined;
  readonly requestSize: Histogram<string> | undefined;
  readonly responseSize: Histogram<string> | undefined;
  readonly errors: Counter<string> | undefined;
  readonly inFlight: GaugeChild | undefined;
  readonly extra: Labels | undefined;
  readonly route: (path: string, status: number) => string;
  readonly options: HttpMetricsOptions;
  readonly report: (error: unknown) => void;
}

class Request implements HttpRequest {
  readonly #recorder: Recorder;
  readonly #method: string;
  readonly #path: string;
  readonly #start = performance.now();
  #error: unknown;
  #failed = false;
  #done = false;

  constructor(recorder: Recorder, method: string, path: string) {
    this.#recorder = recorder;
    this.#method = method;
    this.#path = path;
    const { inFlight, options, report } = recorder;
    try {
      inFlight?.inc();
      options.onRequestStart?.(method, path);
    } catch (error) {
      report(error);
    }
  }

  error(error: unknown): void {
    this.#error = error;
    this.#failed = true;
  }

  abort(route?: string): void {
    this.end(ABORTED_STATUS, route);
  }

  end(status: number, route?: string, sizes?: BodySizes): void {
    if (this.#done) return;
    this.#done = true;
    const seconds = (performance.now() - this.#start) / 1000;
    const r = this.#recorder;
    const method = this.#method;
    const path = this.#path;
    try {
      r.inFlight?.dec();
      route ??= r.route(path, status);
      if (r.requests) {
        let labels: Labels = { method, route, status_code: status };
        if (r.extra) labels = { ...labels, ...r.extra };
        r.requests.inc(labels);
        (r.duration as Histogram<string>).observe(labels, seconds);
        if (sizes?.request !== undefined) r.requestSize?.observe(labels, sizes.request);
        if (sizes?.response !== undefined) r.responseSize?.observe(labels, sizes.response);
        if (this.#failed) r.errors?.inc(r.extra ? { error_type: errorType(this.#error), route, ...r.extra } : { error_type: errorType(this.#error), route });
      }
      if (this.#failed) r.options.onError?.(errorType(this.#error), path, this.#error);
      r.options.onRequestEnd?.(method, path, status, seconds, route);
    } catch (error) {
      r.report(error);
    }
  }
}

// Routes made from raw paths, capped so that a scan of random URLs cannot create series.
function router(options: HttpMetricsOptions): (path: string, status: number) => string {
  const { normalizePath: normalize = normalizePath, maxRoutes = 100 } = options;
  const seen = new Set<string>();
  return (path, status) => {
    if (status === 404) return UNMATCHED_ROUTE;
    const route = normalize(path);
    if (seen.has(route)) return route;
    if (seen.size >= maxRoutes) return OVERFLOW_ROUTE;
    seen.add(route);
    return route;
  };
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
  const { registry = defaultRegistry, prefix = '', labels, buckets = HTTP_DURATION_BUCKETS, sizes = false } = options;
  const extraNames = Object.keys(labels ?? {});
  const extra = extraNames.length ? { ...labels } as Labels : undefined;
  const names = ['method', 'route', 'status_code', ...extraNames];
  const on = options.metrics !== false;
  const sizeHistogram = (what: string) =>
    registry.histogram({ name: `${prefix}http_${what}_size_bytes`, help: `HTTP ${what} body sizes in bytes (from Content-Length).`, labelNames: names, buckets: HTTP_SIZE_BUCKETS, unit: 'bytes' });
  const recorder: Recorder = {
    requests: on ? registry.counter({ name: `${prefix}http_requests_total`, help: 'HTTP requests completed (aborted ones with status_code 499).', labelNames: names }) : undefined,
    duration: on ? registry.histogram({ name: `${prefix}http_request_duration_seconds`, help: 'HTTP request durations in seconds, until the response is sent.', labelNames: names, buckets, unit: 'seconds' }) : undefined,
    requestSize: on && sizes ? sizeHistogram('request') : undefined,
    responseSize: on && sizes ? sizeHistogram('response') : undefined,
    errors: on ? registry.counter({ name: `${prefix}http_request_errors_total`, help: 'HTTP handler exceptions, by error class.', labelNames: ['error_type', 'route', ...extraNames] }) : undefined,
    inFlight: on ? registry.gauge({ name: `${prefix}http_requests_in_flight`, help: 'HTTP requests being served.', labelNames: extraNames }).labels((extra ?? {}) as never) : undefined,
    extra,
    route: router(options),
    options,
    report: errorSink(options.onInternalError, 'an HTTP metrics callback or metric'),
  };
  const excluded = excluder(options.exclude);
  return {
    registry,
    sizes: on && sizes,
    start(method, url) {
      try {
        const path = pathOf(url);
        return excluded(path) ? IGNORED : new Request(recorder, normalizeMethod(method), path);
      } catch (error) {
        recorder.report(error);
        return IGNORED;
      }
    },
  };
}
