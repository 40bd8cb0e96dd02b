// Snappy's block format (format_description.txt in google/snappy): the uncompressed length as
// a varint, then literals and back-references. Like the reference compressor, the input is cut
// into 64 KiB fragments so every offset fits in two bytes, and a hash table of 4-byte sequences
// finds the matches.
const FRAGMENT = 65536;
const HASH_BITS = 14;

const load32 = (bytes: Uint8Array, i: number): number => bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);

function writeVarint(out: Uint8Array, pos: number, value: number): number {
  while (value > 127) {
    out[pos++] = (value & 127) | 128;
    value >>>= 7;
  }
  out[pos++] = value;
  return pos;
}

function emitLiteral(input: Uint8Array, from: number, to: number, out: Uint8Array, pos: number): number {
  const n = to - from - 1;
  if (n < 0) return pos;
  if (n < 60) out[pos++] = n << 2;
  else {
    // Tags 60..63: the length minus one follows in 1..4 little-endian bytes.
    const bytes = n < 256 ? 1 : n < 65536 ? 2 : n < 16777216 ? 3 : 4;
    out[pos++] = (59 + bytes) << 2;
    for (let k = 0; k < bytes; k++) out[pos++] = (n >>> (8 * k)) & 255;
  }
  out.set(input.subarray(from, to), pos);
  return pos + to - from;
}

function emitCopy(out: Uint8Array, pos: number, offset: number, length: number): number {
  // A 2-byte-offset copy holds 1..64 bytes; leave at least 4 for the last one.
  while (length >= 68 || length > 64) {
    const chunk = length >= 68 ? 64 : 60;
    out[pos++] = 2 | ((chunk - 1) << 2);
    out[pos++] = offset & 255;
    out[pos++] = offset >>> 8;
    length -= chunk;
  }
  if (length < 12 && offset < 2048) {
    out[pos++] = 1 | ((length - 4) << 2) | ((offset >>> 8) << 5);
    out[pos++] = offset & 255;
    return pos;
  }
  out[pos++] = 2 | ((length - 1) << 2);
  out[pos++] = offset & 255;
  out[pos++] = offset >>> 8;
  return pos;
}

function compressFragment(input: Uint8Array, start: number, end: number, out: Uint8Array, pos: number, table: Int32Array): number {
  table.fill(-1);
  let literal = start;
  let i = start;
  while (i + 4 <= end) {
    const word = load32(input, i);
    const hash = Math.imul(word, 0x1e35a7bd) >>> (32 - HASH_BITS);
    const candidate = table[hash]!;
    table[hash] = i;
    if (candidate < start || load32(input, candidate) !== word) {
      i++;
      continue;
    }
    let length = 4;
    while (i + length < end && input[candidate + length] === input[i + length]) length++;
    pos = emitCopy(out, emitLiteral(input, literal, i, out, pos), i - candidate, length);
    i += length;
    literal = i;
  }
  return emitLiteral(input, literal, end, out, pos);
}

/**
 * Compresses bytes with snappy's block format, the compression remote write 1.0 requires.
 *
 * @example
 * const body = snappyCompress(new TextEncoder().encode('abcabcabcabc'));
 */
export function snappyCompress(input: Uint8Array): Uint8Array<ArrayBuffer> {
  // The worst case of the format: 32 + n + n/6 bytes.
  const out = new Uint8Array(32 + input.length + Math.ceil(input.length / 6));
  const table = new Int32Array(1 << HASH_BITS);
  let pos = writeVarint(out, 0, input.length);
  for (let start = 0; start < input.length; start += FRAGMENT) {
    pos = compressFragment(input, start, Math.min(start + FRAGMENT, input.length), out, pos, table);
  }
  return out.subarray(0, pos);
}
