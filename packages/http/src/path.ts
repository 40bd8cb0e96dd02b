/**
 * The path of a request target, what the metrics and `exclude` see: origin-form
 * (`/users/7?tab=posts`) and absolute-form (`http://host/users/7`, RFC 9112 §3.2.2, sent to
 * proxies and accepted by Node) both give `/users/7`; the query and fragment are dropped.
 *
 * @example
 * pathOf('/users/7?tab=posts'); // '/users/7'
 * pathOf('https://example.com/users/7#top'); // '/users/7'
 */
export function pathOf(target: string): string {
  let start = 0;
  if (target.charCodeAt(0) !== 47 /* '/' */) {
    const scheme = target.indexOf('://');
    if (scheme >= 0) {
      start = scheme + 3;
      // The authority ends at the first '/', '?' or '#'; a target with no path is the root.
      while (start < target.length && !'/?#'.includes(target[start] as string)) start++;
      if (target.charCodeAt(start) !== 47) return '/';
    }
  }
  // indexOf twice beats a regex search on the per-request path.
  let end = target.indexOf('?', start);
  const hash = target.indexOf('#', start);
  if (hash >= 0 && (end < 0 || hash < end)) end = hash;
  if (end < 0) end = target.length;
  return start === 0 && end === target.length ? target : target.slice(start, end);
}
