// Node's setTimeout (behind AbortSignal.timeout) fires at once for longer delays.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** The signal a request runs under, and whether its own timeout (not the caller's signal) ended it. */
export interface RequestSignal {
  readonly signal: AbortSignal | undefined;
  timedOut(): boolean;
}

// One signal that aborts when either does. AbortSignal.any is missing from older runtimes
// (Node before 20.3, some edge runtimes): there, a controller forwards the first abort (its
// listener on a caller's signal that never aborts stays until that signal is collected).
function either(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  for (const signal of [a, b]) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/**
 * The caller's signal, ended as well after `timeoutMs` (`Infinity`: never). AbortSignal.timeout
 * keeps no process alive (Node unrefs its timer), so a batch job exits as soon as it is done.
 */
export function requestSignal(timeoutMs: number, signal: AbortSignal | undefined): RequestSignal {
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
    throw new RangeError(`pushgateway: timeoutMs must be a positive number of milliseconds or Infinity, got ${String(timeoutMs)}`);
  }
  if (timeoutMs > LONGEST_TIMER_MS) return { signal, timedOut: () => false };
  const timeout = AbortSignal.timeout(timeoutMs);
  // The caller's abort wins when both happened: it came first or the caller will expect it.
  return { signal: signal ? either(signal, timeout) : timeout, timedOut: () => timeout.aborted && !signal?.aborted };
}
