import { describe, expect, it } from 'vitest';
import { groupingPath } from './grouping-path';

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

  it('rejects an empty job and bad grouping label names', () => {
    expect(() => groupingPath('')).toThrow(new TypeError('pushgateway: job must be a non-empty string'));
    expect(() => groupingPath('j', { 'a-b': 1 })).toThrow('pushgateway: grouping label name "a-b" must match [a-zA-Z_][a-zA-Z0-9_]* and not be "job"');
    expect(() => groupingPath('j', { job: 'x' })).toThrow(TypeError);
  });
});
