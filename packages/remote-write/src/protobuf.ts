// The remote write 1.0 WriteRequest in protobuf (prometheus/prompb types.proto, remote.proto):
// WriteRequest { repeated TimeSeries timeseries = 1; }
// TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }
// Label { string name = 1; string value = 2; }  Sample { double value = 1; int64 timestamp = 2; }

/** One sample: a float64 value at a time in ms since the Unix epoch. */
export interface Sample {
  readonly value: number;
  readonly timestamp: number;
}

/**
 * One series as remote write sends it: labels sorted by name, `__name__` included, and its
 * samples in time order.
 */
export interface TimeSeries {
  readonly labels: readonly (readonly [name: string, value: string])[];
  readonly samples: readonly Sample[];
}

const encoder = new TextEncoder();

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
  raw(bytes: Uint8Array): void {
    this.bytes.set(bytes, this.pos);
    this.pos += bytes.length;
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
    const pairs = labels.map(([name, value]) => [encoder.encode(name), encoder.encode(value)] as const);
    const labelSizes = pairs.map(([name, value]) => field(name.length) + field(value.length));
    const size = labelSizes.reduce((sum, s) => sum + field(s), 0) + samples.reduce((sum, s) => sum + field(SAMPLE_SIZE(s.timestamp)), 0);
    return { pairs, labelSizes, samples, size };
  });
  const out = new Writer(new Uint8Array(encoded.reduce((sum, s) => sum + field(s.size), 0)));
  for (const { pairs, labelSizes, samples, size } of encoded) {
    out.varint(0x0a);
    out.varint(size);
    pairs.forEach(([name, value], i) => {
      out.varint(0x0a);
      out.varint(labelSizes[i]!);
      out.varint(0x0a);
      out.varint(name.length);
      out.raw(name);
      out.varint(0x12);
      out.varint(value.length);
      out.raw(value);
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
