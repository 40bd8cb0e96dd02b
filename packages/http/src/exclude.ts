import type { HttpMetricsOptions } from './options';

/** Compiles the `exclude` option into one predicate over paths. */
export function excluder(exclude: HttpMetricsOptions['exclude'] = ['/metrics']): (path: string) => boolean {
  if (typeof exclude === 'function') return exclude;
  const paths = new Set(exclude.filter((entry): entry is string => typeof entry === 'string'));
  const patterns = exclude.filter((entry): entry is RegExp => entry instanceof RegExp);
  return (path) => paths.has(path) || patterns.some((pattern) => pattern.test(path));
}
