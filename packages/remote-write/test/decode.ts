/// <reference path="./snappyjs.d.ts" />
// A test-side decoder of remote write requests: snappyjs (independent of our compressor) and a
// minimal protobuf reader for WriteRequest, so tests check what a receiver would read.
import { uncompress } from 'snappyjs';

export interface DecodedSeries {
  labels: Record<string, string>;
  samples: { value: number; timestamp: number }[];
}

function* fields(bytes: Uint8Array): Generator<[field: number, value: Uint8Array | number]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    for (let scale = 1; ; scale *= 128) {
      const byte = bytes[pos++]!;
      result += (byte & 127) * scale;
      if (byte < 128) return result;
    }
  };
  while (pos < bytes.length) {
    const tag = varint();
    const wire = tag & 7;
    if (wire === 0) yield [tag >> 3, varint()];
    else if (wire === 1) yield [tag >> 3, view.getFloat64((pos += 8) - 8, true)];
    else if (wire === 2) {
      const length = varint();
      yield [tag >> 3, bytes.subarray(pos, (pos += length))];
    } else throw new Error(`unexpected wire type ${wire}`);
  }
}

const text = new TextDecoder('utf-8', { fatal: true });

/** Decodes an uncompressed WriteRequest. */
export function decodeWriteRequest(bytes: Uint8Array): DecodedSeries[] {
  const result: DecodedSeries[] = [];
  for (const [, series] of fields(bytes)) {
    const decoded: DecodedSeries = { labels: {}, samples: [] };
    const order: string[] = [];
    for (const [field, value] of fields(series as Uint8Array)) {
      const parts = Object.fromEntries(fields(value as Uint8Array));
      if (field === 1) {
        const name = text.decode(parts[1] as Uint8Array);
        order.push(name);
        decoded.labels[name] = text.decode((parts[2] as Uint8Array | undefined) ?? new Uint8Array());
      } else decoded.samples.push({ value: parts[1] as number, timestamp: parts[2] as number });
    }
    if (order.join() !== [...order].sort().join()) throw new Error(`labels not sorted: ${order.join()}`);
    result.push(decoded);
  }
  return result;
}

/** Decodes a snappy-compressed WriteRequest body. */
export const decodeBody = (body: Uint8Array): DecodedSeries[] => decodeWriteRequest(uncompress(body));
