// Content negotiation for a scrape (RFC 9110 §12.5.1): the most specific media range that
// matches a format gives its q; OpenMetrics is served when its q is higher than the text
// format's, or equal and named explicitly. One pass over the header, no regular expression.

// Which versions of each format we can serve; a range naming another version does not match.
const VERSIONS: Record<string, readonly string[]> = {
  'application/openmetrics-text': ['1.0.0', '0.0.1'],
  'text/plain': ['0.0.4'],
};

// The q a header gives a format and how specific the range was (3 exact, 2 type/*, 1 */*, 0 none).
function weigh(accept: string, format: string): [q: number, specificity: number] {
  let best: [number, number] = [0, 0];
  const [type] = format.split('/');
  for (const range of accept.split(',')) {
    const [media = '', ...params] = range.split(';');
    const name = media.trim().toLowerCase();
    const specificity = name === format ? 3 : name === `${type}/*` ? 2 : name === '*/*' ? 1 : 0;
    if (!specificity || specificity < best[1]) continue;
    let q = 1;
    let ok = true;
    for (const param of params) {
      const eq = param.indexOf('=');
      const key = param.slice(0, eq).trim().toLowerCase();
      const value = param.slice(eq + 1).trim();
      if (key === 'q') q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : 0;
      if (key === 'version' && specificity === 3) ok &&= (VERSIONS[format] as readonly string[]).includes(value);
    }
    // Among ranges equally specific, the highest q counts, whatever their order.
    if (ok) best = [specificity > best[1] ? q : Math.max(q, best[0]), specificity];
  }
  return best;
}

/**
 * Tells from an HTTP `Accept` header whether to serve OpenMetrics: when the header gives it a
 * higher q than the text format (media ranges, `*\/*` and `application/*` count; versions
 * 1.0.0 and 0.0.1 are served as 1.0.0), or the same q by naming it. Linear in the header.
 *
 * @example
 * prefersOpenMetrics('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5'); // true
 * prefersOpenMetrics('application/openmetrics-text;q=0.3,text/plain;q=0.9'); // false
 */
export function prefersOpenMetrics(accept = ''): boolean {
  const [om, omSpecificity] = weigh(accept, 'application/openmetrics-text');
  const [text] = weigh(accept, 'text/plain');
  return om > text || (om > 0 && om === text && omSpecificity === 3);
}
