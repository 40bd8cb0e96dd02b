import type { HttpRequest } from './request';

/**
 * Runs a request's handler and counts what it throws or rejects with on `request`, passing
 * the throw or rejection on unchanged, so the application's error handling answers as before.
 *
 * @example
 * const request = http.start(req.method, req.url);
 * await countErrors(request, () => handler(req, res));
 */
export function countErrors<R>(request: HttpRequest, run: () => R): R {
  try {
    const result = run();
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        request.error(error);
        throw error;
      }) as R;
    }
    return result;
  } catch (error) {
    request.error(error);
    throw error;
  }
}
