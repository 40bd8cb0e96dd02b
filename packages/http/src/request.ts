import type { Counter, Exemplar, GaugeChild, Histogram } from '@promkit/core';
import { errorType } from './error-type';
import { ABORTED_STATUS, type HttpMetricsOptions } from './options';

/**
 * Body sizes of one request, in bytes, when the adapter knows them.
 *
 * @example
 * request.end(201, '/uploads', { request: 5120, response: 42 });
 */
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

/** The handle of requests that are not recorded (excluded paths). */
export const IGNORED: HttpRequest = { error() {}, end() {}, abort() {} };

export type Labels = Record<string, string | number>;

/** Everything a request records into, built once per `createHttpMetrics` call. */
export interface Recorder {
  readonly requests: Counter<string> | undefined;
  readonly duration: Histogram<string> | undefined;
  readonly requestSize: Histogram<string> | undefined;
  readonly responseSize: Histogram<string> | undefined;
  readonly errors: Counter<string> | undefined;
  readonly inFlight: GaugeChild | undefined;
  readonly labelsOf: (method: string, route: string, status: number) => Labels;
  readonly errorLabelsOf: (errorType: string, route: string) => Labels;
  readonly route: (path: string, status: number) => string;
  readonly options: HttpMetricsOptions;
  readonly report: (error: unknown) => void;
}

/** A request being recorded: in flight from construction until `end` or `abort`. */
export class RecordedRequest implements HttpRequest {
  readonly #recorder: Recorder;
  readonly #method: string;
  readonly #path: string;
  readonly #start = performance.now();
  readonly #exemplar: Exemplar | undefined;
  #error: unknown;
  #failed = false;
  #done = false;

  constructor(recorder: Recorder, method: string, path: string, exemplar: Exemplar | undefined) {
    this.#recorder = recorder;
    this.#method = method;
    this.#path = path;
    this.#exemplar = exemplar;
    try {
      recorder.inFlight?.inc();
      recorder.options.onRequestStart?.(method, path);
    } catch (error) {
      recorder.report(error);
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
    const path = this.#path;
    try {
      r.inFlight?.dec();
      route ??= r.route(path, status);
      if (r.requests) {
        const labels = r.labelsOf(this.#method, route, status);
        // Without an exemplar these are the plain updates; with one, the histogram's exemplar
        // takes the duration as its value, on the bucket it falls in.
        r.requests.inc(labels, 1, this.#exemplar);
        r.duration?.observe(labels, seconds, this.#exemplar);
        if (sizes?.request !== undefined) r.requestSize?.observe(labels, sizes.request);
        if (sizes?.response !== undefined) r.responseSize?.observe(labels, sizes.response);
        if (this.#failed) r.errors?.inc(r.errorLabelsOf(errorType(this.#error), route));
      }
      if (this.#failed) r.options.onError?.(errorType(this.#error), path, this.#error);
      r.options.onRequestEnd?.(this.#method, path, status, seconds, route);
    } catch (error) {
      r.report(error);
    }
  }
}
