// Reads protobuf exposition bytes with protobufjs and test/metrics.proto: an independent decoder.
import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';

const root = protobuf.parse(readFileSync(new URL('./metrics.proto', import.meta.url), 'utf8'), { keepCase: true }).root;
const MetricFamily = root.lookupType('io.prometheus.client.MetricFamily');

/** The MetricFamily messages of a delimited body, as plain objects (fields left unset are absent). */
export function decodeMetricFamilies(bytes: Uint8Array): Record<string, unknown>[] {
  const reader = protobuf.Reader.create(bytes);
  const families: Record<string, unknown>[] = [];
  while (reader.pos < reader.len) {
    families.push(MetricFamily.toObject(MetricFamily.decodeDelimited(reader), { longs: Number, enums: String }));
  }
  return families;
}
