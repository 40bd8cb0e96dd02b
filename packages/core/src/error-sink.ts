/**
 * Receives what promkit catches so that it never reaches the application: a metric or
 * callback that threw, a `collect` that failed, a bad value from a binding. Every package
 * takes it as the `onInternalError` option.
 */
export type InternalErrorHandler = (error: unknown) => void;

/**
 * The one error sink every promkit package reports through. With a handler, each error goes
 * to it (a handler that throws is ignored: there is nobody left to tell). Without one, the
 * first error is logged with `console.error` and later ones are not, so a metric failing on
 * every request cannot flood the log.
 *
 * @example
 * const report = errorSink(options.onInternalError, 'HTTP metrics');
 * try { requests.inc(labels); } catch (error) { report(error); }
 */
export function errorSink(onInternalError: InternalErrorHandler | undefined, what: string): InternalErrorHandler {
  if (onInternalError) {
    return (error) => {
      try {
        onInternalError(error);
      } catch {
        // The sink itself failed: nothing is left to tell, and the application must go on.
      }
    };
  }
  let logged = false;
  return (error) => {
    if (!logged) console.error(`promkit: ${what} failed (later failures are not logged)`, error);
    logged = true;
  };
}
