import type { HttpMetrics, HttpRequest } from '@promkit/http';

/** A request being recorded, and `settle` to call once it has a response or failed. */
export interface TrackedRequest {
  readonly recording: HttpRequest;
  settle(): void;
}

/**
 * Starts recording a fetch `Request`. If its `signal` aborts before `settle` (the client went
 * away: Workers, Deno and Bun abort it then), the request is recorded as aborted (499).
 *
 * @example
 * const { recording, settle } = trackRequest(http, request, () => undefined);
 * try { const response = await handler(request); recording.end(response.status); return response; } finally { settle(); }
 */
export function trackRequest(http: HttpMetrics, request: Request, route: () => string | undefined): TrackedRequest {
  const recording = http.start(request.method, request.url);
  const signal = request.signal as AbortSignal | undefined;
  if (!signal) return { recording, settle() {} };
  const onAbort = () => recording.abort(route());
  signal.addEventListener('abort', onAbort, { once: true });
  return { recording, settle: () => signal.removeEventListener('abort', onAbort) };
}
