import fc from 'fast-check';
import { uncompress } from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { snappyCompress } from './index';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
// Byte-wise equality: vitest's deep equality on megabyte arrays takes seconds.
const roundTrips = (data: Uint8Array): boolean => Buffer.from(uncompress(snappyCompress(data))).equals(Buffer.from(data));

describe('snappyCompress', () => {
  it('writes the length varint then one literal for short input', () => {
    expect([...snappyCompress(bytes('abc'))]).toEqual([3, 2 << 2, 97, 98, 99]);
    expect([...snappyCompress(new Uint8Array())]).toEqual([0]);
  });

  it('replaces a repeat with a copy that has a 1-byte offset', () => {
    // "abcdabcdabcd": literal "abcd", then a copy of 8 bytes at offset 4 (tag 01, length-4 in bits 2..4).
    expect([...snappyCompress(bytes('abcdabcdabcd'))]).toEqual([12, 3 << 2, 97, 98, 99, 100, 1 | (4 << 2), 4]);
  });

  it('uses 2-byte-offset copies for long matches and far offsets', () => {
    const input = new Uint8Array(5000).map((_, i) => (i * 7919) % 251);
    const twice = new Uint8Array(10000);
    twice.set(input);
    twice.set(input, 5000);
    const out = snappyCompress(twice);
    expect(out.length).toBeLessThan(5200);
    expect(uncompress(out)).toEqual(twice);
  });

  it('compresses a WriteRequest-like repetitive text to a fraction of its size', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `http_requests_total{route="/users/${i}",method="GET"}`).join('');
    const out = snappyCompress(bytes(text));
    expect(out.length).toBeLessThan(text.length / 3);
    expect(new TextDecoder().decode(uncompress(out))).toBe(text);
  });

  it('round-trips random inputs up to 1 MB through snappyjs', () => {
    // Bytes from a small alphabet, repeated runs and copies: inputs with matches, not only noise.
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 70_000 })).map(([b, n]) => new Uint8Array(n).fill(b)),
      fc.uint8Array({ maxLength: 2000 }).map((a) => a.map((b) => b % 4)),
    );
    const input = fc.array(chunk, { maxLength: 40 }).map((chunks) => {
      const all = new Uint8Array(Math.min(1 << 20, chunks.reduce((n, c) => n + c.length, 0)));
      let pos = 0;
      for (const c of chunks) {
        all.set(c.subarray(0, all.length - pos), pos);
        pos += Math.min(c.length, all.length - pos);
      }
      return all;
    });
    fc.assert(
      fc.property(input, (data) => {
        expect(roundTrips(data)).toBe(true);
      }),
      { seed: 16, numRuns: 60 },
    );
  });

  it('round-trips a random 1 MB input of noise and of repeats', () => {
    const noise = new Uint8Array(1 << 20).map((_, i) => Math.imul(i, 2654435761) >>> 24);
    expect(roundTrips(noise)).toBe(true);
    const repeats = new Uint8Array(1 << 20).map((_, i) => (i % 1000) % 37);
    expect(roundTrips(repeats)).toBe(true);
  });
});
