import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWriteRequest } from '../test/decode';
import { encodeWriteRequest } from './index';

describe('encodeWriteRequest', () => {
  it('encodes a series with its labels and samples as protobuf bytes', () => {
    const bytes = encodeWriteRequest([{ labels: [['__name__', 'up']], samples: [{ value: 1, timestamp: 300 }] }]);
    // TimeSeries(1) { Label(1) { name(1) "__name__", value(2) "up" }, Sample(2) { value(1) double 1, timestamp(2) varint 300 } }
    expect([...bytes]).toEqual([
      0x0a, 30, 0x0a, 14, 0x0a, 8, ...new TextEncoder().encode('__name__'), 0x12, 2, 117, 112,
      0x12, 12, 0x09, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x10, 0xac, 0x02,
    ]);
  });

  it('keeps every float64 bit-exact and every int64 ms timestamp', () => {
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.string({ unit: 'grapheme' }), (value, timestamp, label) => {
        const [series] = decodeWriteRequest(encodeWriteRequest([{ labels: [['__name__', 'x'], ['v', label]], samples: [{ value, timestamp }] }]));
        expect(series).toEqual({ labels: { __name__: 'x', v: label }, samples: [{ value, timestamp }] });
        expect(Object.is(series!.samples[0]!.value, value)).toBe(true);
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it('writes label values as UTF-8, a lone surrogate as U+FFFD', () => {
    fc.assert(
      // Any UTF-16 code units, lone surrogates included. (fc.string({ unit: 'binary' }) takes ~5 s
      // to set up under vitest on a loaded machine, past the test timeout.)
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff })).map((units) => String.fromCharCode(...units)), (label) => {
        const [series] = decodeWriteRequest(encodeWriteRequest([{ labels: [['v', label]], samples: [] }]));
        expect(series!.labels.v).toBe(new TextDecoder().decode(new TextEncoder().encode(label)));
      }),
      { seed: 16, numRuns: 300 },
    );
  });
});
