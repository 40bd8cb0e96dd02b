// The protobuf wire format (protobuf.dev, "Encoding"): varints, zigzag for sint32/sint64,
// little-endian fixed64 for doubles, and length-delimited strings and messages. Numbers stay
// JavaScript numbers: every integer written here (counts, timestamps, indexes) is below 2^53.

const encoder = new TextEncoder();

/**
 * The UTF-8 length of `text` without encoding it, a lone surrogate counting 3 (it is written
 * as U+FFFD): TextEncoder.encode per label costs more than the rest of an encoding (measured
 * with bench/remote-write.mjs).
 *
 * @example
 * utf8Length('é'); // 2
 */
export const utf8Length = (text: string): number => {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) length += 1;
    else if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) length += 2, i++;
    else length += 2;
  }
  return length;
};

/**
 * The bytes a varint of `value` (an integer from 0 to 2^53) takes.
 *
 * @example
 * varintLength(300); // 2
 */
export const varintLength = (value: number): number => {
  let length = 1;
  // Division, not bitwise shifts: those cut numbers to 32 bits.
  while (value >= 128) {
    value = Math.floor(value / 128);
    length++;
  }
  return length;
};

/**
 * Writes protobuf wire-format values into a buffer that grows as needed (give the exact size
 * up front when it is known: then nothing is copied). Field keys are written as varints.
 *
 * @example
 * const out = new ProtobufWriter(4);
 * out.varint(0x0a).string('up'); // field 1, length-delimited: "up"
 * const bytes = out.finish();
 */
export class ProtobufWriter {
  /** The next byte to write. */
  pos = 0;
  bytes: Uint8Array;
  private view: DataView;

  constructor(size = 256) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Makes room for `size` more bytes. */
  protected reserve(size: number): void {
    if (this.pos + size <= this.bytes.length) return;
    const bytes = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + size));
    bytes.set(this.bytes);
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
  }

  /** An unsigned integer from 0 to 2^53 (uint32, uint64, int64 that are not negative, enums). */
  varint(value: number): this {
    // Exact near the end, so a buffer sized up front is never copied.
    if (this.pos + 8 > this.bytes.length) this.reserve(varintLength(value));
    while (value >= 128) {
      this.bytes[this.pos++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    this.bytes[this.pos++] = value;
    return this;
  }

  /** A double as fixed64, little-endian, every bit kept (NaN, ±Infinity, -0). */
  double(value: number): this {
    this.reserve(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
    return this;
  }

  /** A length-prefixed UTF-8 string; `length` is its {@link utf8Length} when already known. */
  string(text: string, length = utf8Length(text)): this {
    this.varint(length);
    this.reserve(length);
    if (length === text.length) for (let i = 0; i < length; i++) this.bytes[this.pos + i] = text.charCodeAt(i);
    else encoder.encodeInto(text, this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return this;
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return this.bytes.subarray(0, this.pos);
  }
}

/**
 * A {@link ProtobufWriter} that also writes field keys, zigzag integers and nested messages
 * whose length is not known in advance (each is moved once if it outgrows one length byte).
 *
 * @example
 * const out = new MessageWriter();
 * out.message(4, () => out.tag(1, 0).sint(-3)); // field 4 { field 1: -3 }
 * const bytes = out.finish();
 */
export class MessageWriter extends ProtobufWriter {
  /** A field key: field number and wire type (0 varint, 1 fixed64, 2 length-delimited). */
  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  /** A signed integer (sint32, sint64) in zigzag encoding: 0, -1, 1, -2 → 0, 1, 2, 3. */
  sint(value: number): this {
    return this.varint(value < 0 ? -2 * value - 1 : 2 * value);
  }

  /** Starts a length-delimited message; pass the result to {@link MessageWriter.end}. */
  begin(): number {
    this.reserve(1);
    return ++this.pos;
  }

  /** Ends the message started at `start`, writing its length before it. */
  end(start: number): this {
    const length = this.pos - start;
    const extra = varintLength(length) - 1;
    // One byte was reserved for the length: longer messages move up to make room.
    if (extra) {
      this.reserve(extra);
      this.bytes.copyWithin(start + extra, start, this.pos);
    }
    const end = this.pos + extra;
    this.pos = start - 1;
    this.varint(length);
    this.pos = end;
    return this;
  }

  /** Field `field` as a length-delimited message whose fields `write` writes. */
  message(field: number, write: (out: this) => void): this {
    const start = this.tag(field, 2).begin();
    write(this);
    return this.end(start);
  }

}
