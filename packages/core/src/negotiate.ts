// Content negotiation for a scrape (RFC 9110 §12.5.1): the most specific media range that
// matches a format gives its q; a format beats the text format when its q is higher, or equal
// and named explicitly. One pass over the header per format, no regular expression.

/** A format a scrape can be served in: its media type and the parameter values it serves. */
export interface MediaOffer {
  /** Media type, lower case, e.g. `application/vnd.google.protobuf`. */
  readonly mediaType: string;
  /** Parameter values served; a media range naming another value of one of them does not match. */
  readonly params: Readonly<Record<string, readonly string[]>>;
}

const TEXT: MediaOffer = { mediaType: 'text/plain', params: { version: ['0.0.4'] } };
const OPENMETRICS: MediaOffer = { mediaType: 'application/openmetrics-text', params: { version: ['1.0.0', '0.0.1'] } };

// The q a header gives a format and how specific the range was (3 exact, 2 type/*, 1 */*, 0 none).
function weigh(accept: string, { mediaType, params: served }: MediaOffer): [q: number, specificity: number] {
  let best: [number, number] = [0, 0];
  const [type] = mediaType.split('/');
  for (const range of accept.split(',')) {
    const [media = '', ...params] = range.split(';');
    const name = media.trim().toLowerCase();
    const specificity = name === mediaType ? 3 : name === `${type}/*` ? 2 : name === '*/*' ? 1 : 0;
    if (!specificity || specificity < best[1]) continue;
    let q = 1;
    let ok = true;
    for (const param of params) {
      const eq = param.indexOf('=');
      const key = param.slice(0, eq).trim().toLowerCase();
      const value = param.slice(eq + 1).trim();
      if (key === 'q') q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : 0;
      else if (specificity === 3 && Object.hasOwn(served, key)) ok &&= (served[key] as readonly string[]).includes(value);
    }
    // Among ranges equally specific, the highest q counts, whatever their order.
    if (ok) best = [specificity > best[1] ? q : Math.max(q, best[0]), specificity];
  }
  return best;
}

/**
 * The format to serve for an HTTP `Accept` header among `offers`, in order of preference after
 * the text format 0.0.4 (which is served when nothing else is preferred): an offer wins over
 * the formats before it when the header gives it a higher q, or the same q by naming it.
 */
export function negotiate<T extends MediaOffer>(accept: string, offers: readonly T[]): T | undefined {
  let [best] = weigh(accept, TEXT);
  let chosen: T | undefined;
  for (const offer of offers) {
    const [q, specificity] = weigh(accept, offer);
    if (q > best || (q > 0 && q === best && specificity === 3)) [best, chosen] = [q, offer];
  }
  return chosen;
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
export const prefersOpenMetrics = (accept = ''): boolean => negotiate(accept, [OPENMETRICS]) !== undefined;

/** OpenMetrics 1.0 as an offer, for {@link negotiate}. */
export { OPENMETRICS };
