import { isLabelName, type LabelValue } from '@promkit/core';

// Matches only unpaired surrogates: with the `u` flag a well-formed pair is one code point.
const LONE_SURROGATE = /\p{Surrogate}/u;

// base64url of the UTF-8 bytes, padded: the Pushgateway decodes either form. The bytes go to
// btoa one at a time: spreading them into String.fromCharCode overflows the call stack
// (about 100 K arguments in V8) for a long value.
const base64url = (value: string): string => {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
};

// The path segments of one label. Plain values are percent-encoded; three kinds cannot be:
// a value with a `/` is not one segment, an empty one cannot be seen at all, and `.` or `..`
// are dot-segments that every URL resolver (WHATWG URL, fetch, proxies) removes, moving the
// push to another group. The Pushgateway takes those as `<name>@base64/<base64url>`, the
// empty value spelled `=` (prom-client breaks on all four).
const segment = (name: string, value: string): string => {
  if (LONE_SURROGATE.test(value)) {
    throw new TypeError(`pushgateway: the value of ${name === 'job' ? 'job' : `grouping label "${name}"`} has a lone surrogate, which is not valid UTF-8`);
  }
  if (value === '') return `${name}@base64/=`;
  if (value.includes('/') || value === '.' || value === '..') return `${name}@base64/${base64url(value)}`;
  return `${name}/${encodeURIComponent(value)}`;
};

/**
 * The Pushgateway URL path of a group: `/metrics/job/<job>` followed by one `/<name>/<value>`
 * per grouping label, encoded so that any value survives.
 *
 * @example
 * groupingPath('backup', { instance: 'db/1' }); // '/metrics/job/backup/instance@base64/ZGIvMQ=='
 */
export function groupingPath(job: string, groupings: Readonly<Record<string, LabelValue>> = {}): string {
  if (typeof job !== 'string' || job === '') throw new TypeError('pushgateway: job must be a non-empty string');
  let path = `/metrics/${segment('job', job)}`;
  for (const [name, value] of Object.entries(groupings)) {
    if (!isLabelName(name) || name === 'job') {
      throw new TypeError(`pushgateway: grouping label name ${JSON.stringify(name)} must match [a-zA-Z_][a-zA-Z0-9_]* and not be "job"`);
    }
    path += `/${segment(name, String(value))}`;
  }
  return path;
}
