// The remote write 1.0 WriteRequest in protobuf (prometheus/prompb types.proto, remote.proto):
// WriteRequest { repeated TimeSeries timeseries = 1; }
// TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }
// Label { string name = 1; string value = 2; }  Sample { double value = 1; int64 timestamp = 2; }
// Sizes are computed first, so the buffer is allocated once at its exact size.
import { ProtobufWriter, utf8Length, varintLength } from '@promkit/protobuf';

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
  const out = new ProtobufWriter(encoded.reduce((sum, s) => sum + field(s.size), 0));
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
  return out.finish();
}
