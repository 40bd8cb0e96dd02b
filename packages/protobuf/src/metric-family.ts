// io.prometheus.client.MetricFamily messages (prometheus/client_model, metrics.proto), each
// preceded by its length as a varint: the protobuf exposition with `encoding=delimited`.
// Field numbers are the spec's; fields left at their default are not written.
import type { ExemplarSnapshot, MetricFamilySnapshot, NativeHistogramSnapshot, SeriesSnapshot } from '@promkit/core';
import { MessageWriter } from './wire';

// MetricType enum of metrics.proto; the Metric field of each type is in METRIC_FIELD.
const TYPES: Record<string, number> = { counter: 0, gauge: 1, summary: 2, histogram: 4 };
const UNTYPED = 3;
const METRIC_FIELD = [3, 2, 4, 5, 7];

// google.protobuf.Timestamp { int64 seconds = 1; int32 nanos = 2; } from ms since the epoch.
function timestamp(out: MessageWriter, field: number, ms: number): void {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.round((ms - seconds * 1000) * 1e6);
  out.message(field, () => {
    if (seconds) out.tag(1, 0).varint(seconds);
    if (nanos) out.tag(2, 0).varint(nanos);
  });
}

// LabelPair { string name = 1; string value = 2; }
function labels(out: MessageWriter, field: number, pairs: Readonly<Record<string, string>>): void {
  for (const name in pairs) out.message(field, () => out.tag(1, 2).string(name).tag(2, 2).string(pairs[name] as string));
}

// Exemplar { repeated LabelPair label = 1; double value = 2; Timestamp timestamp = 3; }
function exemplar(out: MessageWriter, field: number, { labels: pairs, value, timestamp: ms }: ExemplarSnapshot): void {
  out.message(field, () => {
    labels(out, 1, pairs);
    out.tag(2, 1).double(value);
    if (ms !== undefined) timestamp(out, 3, ms);
  });
}

// Histogram fields 5-7 and 12-13: schema, zero bucket, positive spans of consecutive buckets
// and their counts as deltas. promkit refuses negative observations: no negative buckets.
function native(out: MessageWriter, { schema, zeroThreshold, zeroCount, positive }: NativeHistogramSnapshot): void {
  out.tag(5, 0).sint(schema).tag(6, 1).double(zeroThreshold);
  if (zeroCount) out.tag(7, 0).varint(zeroCount);
  // Without buckets, a histogram whose zero threshold is 0 would read as classic. client_model
  // asks for a no-op span (length 0), which Prometheus 2.42 ignores (it looks for counts), so
  // one empty bucket goes out instead: native for old and new Prometheus alike.
  if (!positive.length) out.message(12, () => out.tag(2, 0).varint(1)).tag(13, 0).sint(0);
  let previous = 0;
  for (let i = 0; i < positive.length; ) {
    const start = i;
    while (++i < positive.length && positive[i]![0] === positive[i - 1]![0] + 1);
    const [index] = positive[start]!;
    out.message(12, () => out.tag(1, 0).sint(start ? index - positive[start - 1]![0] - 1 : index).tag(2, 0).varint(i - start));
  }
  if (positive.length) out.message(13, () => {
    for (const [, count] of positive) out.sint(count - previous), (previous = count);
  });
}

function histogram(out: MessageWriter, series: SeriesSnapshot): void {
  const buckets = series.buckets ?? [];
  out.tag(1, 0).varint(series.count ?? 0).tag(2, 1).double(series.sum ?? 0);
  // The +Inf bucket is optional (its count is sample_count): written only beside classic ones.
  for (const { le, count, exemplar: e } of buckets.length > 1 ? buckets : []) {
    out.message(3, () => {
      out.tag(1, 0).varint(count).tag(2, 1).double(le);
      if (e) exemplar(out, 3, e);
    });
  }
  timestamp(out, 15, series.created);
  if (series.native) native(out, series.native);
}

function metric(out: MessageWriter, type: number, series: SeriesSnapshot): void {
  out.message(METRIC_FIELD[type]!, () => {
    if (type === 4) return histogram(out, series);
    if (type === 2) {
      out.tag(1, 0).varint(series.count ?? 0).tag(2, 1).double(series.sum ?? 0);
      for (const { quantile, value } of series.quantiles ?? []) out.message(3, () => out.tag(1, 1).double(quantile).tag(2, 1).double(value));
      return timestamp(out, 4, series.created);
    }
    out.tag(1, 1).double(series.value ?? 0);
    if (type === 0 && series.exemplar) exemplar(out, 2, series.exemplar);
    if (type === 0) timestamp(out, 3, series.created);
  });
}

/**
 * Encodes metric families as the Prometheus protobuf exposition: `io.prometheus.client.MetricFamily`
 * messages, each preceded by its length (`encoding=delimited`). Counters keep their `_total`
 * name, as client_golang sends them; native histograms carry their sparse buckets.
 *
 * @example
 * const body = encodeMetricFamilies(registry.snapshot());
 */
export function encodeMetricFamilies(families: readonly MetricFamilySnapshot[]): Uint8Array<ArrayBuffer> {
  const out = new MessageWriter(4096);
  for (const { name, help, type, unit, series } of families) {
    const start = out.begin();
    const kind = TYPES[type] ?? UNTYPED;
    out.tag(1, 2).string(name);
    if (help) out.tag(2, 2).string(help);
    out.tag(3, 0).varint(kind);
    for (const one of series) {
      out.message(4, () => {
        labels(out, 1, one.labels);
        metric(out, kind, one);
      });
    }
    if (unit) out.tag(5, 2).string(unit);
    out.end(start);
  }
  return out.finish();
}
