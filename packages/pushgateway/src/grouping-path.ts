import type { LabelValue } from '@promkit/core';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// base64url of the UTF-8 bytes, padded: the Pushgateway decodes either form.
const base64url = (value: string): string =>
  btoa(String.fromCharCode(...new TextEncoder().encode(value)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');

// A value with a `/` cannot be a path segment and an empty one cannot be seen at all, so the
// Pushgateway takes both as `<name>@base64/<base64url>`, the empty value spelled `=`
// (prom-client breaks on both).
const segment = (name: string, value: string): string =>
  value === '' ? `${name}@base64/=` : value.includes('/') ? `${name}@base64/${base64url(value)}` : `${name}/${encodeURIComponent(value)}`;

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
    if (!LABEL_NAME.test(name) || name === 'job') {
      throw new TypeError(`pushgateway: grouping label name ${JSON.stringify(name)} must match [a-zA-Z_][a-zA-Z0-9_]* and not be "job"`);
    }
    path += `/${segment(name, String(value))}`;
  }
  return path;
}
