import fc from 'fast-check';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { MessageWriter, utf8Length, varintLength } from './index';

describe('MessageWriter', () => {
  it('writes varints, zigzag sints and doubles that protobufjs reads back bit-exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.double(), (u, s, d) => {
        const bytes = new MessageWriter(1).varint(u).sint(s).double(d).finish();
        const reader = protobuf.Reader.create(bytes);
        expect(Number(reader.uint64())).toBe(u);
        expect(Number(reader.sint64())).toBe(s);
        expect(Object.is(reader.double(), d)).toBe(true);
        expect(reader.pos).toBe(bytes.length);
        expect(varintLength(u)).toBe(protobuf.Writer.create().uint64(u).finish().length);
      }),
      { seed: 17, numRuns: 500 },
    );
  });

  it('writes strings as UTF-8, a lone surrogate as U+FFFD', () => {
    fc.assert(
      // Any UTF-16 code units, lone surrogates included. (fc.string({ unit: 'binary' }) takes ~5 s
      // to set up under vitest on a loaded machine, past the test timeout.)
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff })).map((units) => String.fromCharCode(...units)), (text) => {
        const utf8 = new TextEncoder().encode(text);
        const read = protobuf.Reader.create(new MessageWriter(1).string(text).finish()).bytes();
        expect(utf8Length(text)).toBe(utf8.length);
        expect(Buffer.from(read).toString('hex')).toBe(Buffer.from(utf8).toString('hex'));
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('prefixes nested messages with their length, however long they grow', () => {
    for (const size of [0, 1, 127, 128, 16383, 16384, 300_000]) {
      const out = new MessageWriter(2);
      out.message(1, () => out.message(2, () => out.tag(3, 2).string('x'.repeat(size))));
      const outer = protobuf.Reader.create(out.finish());
      expect(outer.uint32()).toBe((1 << 3) | 2);
      const inner = protobuf.Reader.create(outer.bytes());
      expect(inner.uint32()).toBe((2 << 3) | 2);
      const field = protobuf.Reader.create(inner.bytes());
      expect(field.uint32()).toBe((3 << 3) | 2);
      expect(field.string()).toBe('x'.repeat(size));
    }
  });
});
