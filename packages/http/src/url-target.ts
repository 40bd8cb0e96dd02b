/**
 * The request target (path and query) of an absolute URL, as node:http would give it.
 *
 * @example
 * targetOf('https://example.com/users/7?tab=posts'); // '/users/7?tab=posts'
 */
export function targetOf(url: string): string {
  const scheme = url.indexOf('://');
  const start = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  return start < 0 ? '/' : url.slice(start);
}
