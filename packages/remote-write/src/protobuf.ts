// The remote write 1.0 WriteRequest in protobuf (prometheus/prompb types.proto, remote.proto):
// WriteRequest { repeated TimeSeries timeseries = 1; }
// TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }
// Label { string name = 1; string value = 2; }  Sample { double value = 1; int64 timestamp = 2; }

/**
 * One sample: a float64 value at a time in ms since the Unix epoch.
 *
 * @example
 * const sample: Sample = { value: 1, timestamp: Date.now() };
 */
export interface Sample {
  readonly value: number;
  readonly timestamp: number;
}

/**
 * One series as remote write sends it: labels sorted by name, `__name__` included, and its
 * samples in time order.
 *
 * @example
 * const series: TimeSeries = { labels: [['__name__', 'up'], ['job', 'api']], samples: [{ value: 1, timestamp: Date.now() }] };
 */
export interface TimeSeries {
  readonly labels: readonly (readonly [name: string, value: string])[];
  readonly samples: readonly Sample[];
}

const encoder = new TextEncoder();

// UTF-8 length without encoding: TextEncoder.encode per label costs more than the rest of the
// encoding (measured with bench/remote-write.mjs). A lone surrogate counts 3, as U+FFFD.
const utf8Length = (text: string): number => {
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

// Timestamps are non-negative integers up to 2^53: shift by division, not by bitwise operators.
const varintLength = (value: number): number => {
  let length = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    length++;
  }
  return length;
};

class Writer {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer);
  }
  varint(value: number): void {
    while (value >= 128) {
      this.bytes[this.pos++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    this.bytes[this.pos++] = value;
  }
  double(value: number): void {
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }
  string(text: string, length: number): void {
    this.varint(length);
    if (length === text.length) for (let i = 0; i < length; i++) this.bytes[this.pos + i] = text.charCodeAt(i);
    else encoder.encodeInto(text, this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
  }
}

const SAMPLE_SIZE = (timestamp: number): number => 10 + varintLength(timestamp);
const field = (size: number): number => 1 + varintLength(size) + size;

/**
 * Encodes time series as a remote write 1.0 `WriteRequest` (protobuf, before compression).
 *
 * @example
 * const bytes = encodeWriteRequest([{ labels: [['__name__', 'up']], samples: [{ value: 1, timestamp: Date.now() }] }]);
 */
export function encodeWriteRequest(series: readonly TimeSeries[]): Uint8Array {
  const encoded = series.map(({ labels, samples }) => {
    const pairs = labels.map(([name, value]) => [name, utf8Length(name), value, utf8Length(value)] as const);
    const labelSizes = pairs.map(([, name, , value]) => field(name) + field(value));
    const size = labelSizes.reduce((sum, s) => sum + field(s), 0) + samples.reduce((sum, s) => sum + field(SAMPLE_SIZE(s.timestamp)), 0);
    return { pairs, labelSizes, samples, size };
  });
  const out = new Writer(new Uint8Array(encoded.reduce((sum, s) => sum + field(s.size), 0)));
  for (const { pairs, labelSizes, samples, size } of encoded) {
    out.varint(0x0a);
    out.varint(size);
    pairs.forEach(([name, nameLength, value, valueLength], i) => {
      out.varint(0x0a);
      out.varint(labelSizes[i]!);
      out.varint(0x0a);
      out.string(name, nameLength);
      out.varint(0x12);
      out.string(value, valueLength);
    });
    for (const { value, timestamp } of samples) {
      out.varint(0x12);
      out.varint(SAMPLE_SIZE(timestamp));
      out.varint(0x09);
      out.double(value);
      out.varint(0x10);
      out.varint(timestamp);
    }
  }
  return out.bytes;
}
