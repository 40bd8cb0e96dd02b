import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupingPath } from './grouping-path';

const BASE = 'http://pushgateway:9091';

// The labels a Pushgateway reads from a path, decoded independently of the encoder: pairs of
// segments, `<name>@base64` taking base64url (padded or not, `=` for empty) of UTF-8.
function labelsOf(path: string): Record<string, string> {
  const segments = path.split('/').slice(2);
  const labels: Record<string, string> = {};
  for (let i = 0; i < segments.length; i += 2) {
    const [name = '', value = ''] = [segments[i], segments[i + 1]];
    if (!name.endsWith('@base64')) {
      labels[name] = decodeURIComponent(value);
      continue;
    }
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/').replace(/^=$/, ''));
    labels[name.slice(0, -'@base64'.length)] = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  }
  return labels;
}

// What a URL resolver (fetch, proxies) makes of the path: dot-segments removed, percent-escapes kept.
const resolved = (path: string): string => new URL(BASE + path).pathname;

describe('groupingPath', () => {
  it('puts the job and grouping labels in the path, percent-encoding plain values', () => {
    expect(groupingPath('backup', { instance: 'db 1', shard: 3 })).toBe('/metrics/job/backup/instance/db%201/shard/3');
  });

  it('uses @base64 for values with a slash and = for empty values', () => {
    expect(groupingPath('a/b', { path: '/var/tmp', empty: '' })).toBe('/metrics/job@base64/YS9i/path@base64/L3Zhci90bXA=/empty@base64/=');
  });

  it('encodes UTF-8 in base64url (- and _ instead of + and /)', () => {
    // "ü?/>" is 0xC3 0xBC 0x3F 0x2F 0x3E: standard base64 "w7w/Lz4=" has a "/".
    expect(groupingPath('j', { v: 'ü?/>' })).toBe('/metrics/job/j/v@base64/w7w_Lz4=');
  });

  it('encodes a job or value of . or .. in base64, so that URL resolution cannot move the push to another group', () => {
    const path = groupingPath('..', { instance: '.', shard: '..' });
    expect(path).toBe('/metrics/job@base64/Li4=/instance@base64/Lg==/shard@base64/Li4=');
    expect(resolved(path)).toBe(path);
    expect(labelsOf(resolved(path))).toEqual({ job: '..', instance: '.', shard: '..' });
  });

  it('survives URL resolution and decodes to the same labels, for any job and values', () => {
    // The values that URL resolution treats specially, mixed with any text.
    const text = fc.oneof(fc.constantFrom('.', '..', '', '/', './..', '%2e', '%2E%2E', '?#', '\\'), fc.string({ unit: 'grapheme', maxLength: 12 }));
    fc.assert(
      fc.property(text.filter((job) => job !== ''), fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), text), (job, groupings) => {
        delete groupings.job;
        const path = groupingPath(job, groupings);
        expect(resolved(path)).toBe(path);
        expect(labelsOf(path)).toEqual({ job, ...groupings });
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('encodes a 300 KB value without overflowing the call stack', () => {
    const value = 'ü/'.repeat(100_000);
    expect(labelsOf(groupingPath('j', { v: value })).v).toBe(value);
  });

  it('rejects a job or value with a lone surrogate, naming the label, as it cannot be sent as UTF-8', () => {
    expect(() => groupingPath('j', { instance: 'db\uD800' })).toThrow(
      new TypeError('pushgateway: the value of grouping label "instance" has a lone surrogate, which is not valid UTF-8'),
    );
    expect(() => groupingPath('\uDC00', {})).toThrow(new TypeError('pushgateway: the value of job has a lone surrogate, which is not valid UTF-8'));
    expect(groupingPath('j', { v: '😀' })).toBe('/metrics/job/j/v/%F0%9F%98%80');
  });

  it('rejects an empty job and bad grouping label names', () => {
    expect(() => groupingPath('')).toThrow(new TypeError('pushgateway: job must be a non-empty string'));
    expect(() => groupingPath('j', { 'a-b': 1 })).toThrow('pushgateway: grouping label name "a-b" must match [a-zA-Z_][a-zA-Z0-9_]* and not be "job"');
    expect(() => groupingPath('j', { job: 'x' })).toThrow(TypeError);
  });
});
