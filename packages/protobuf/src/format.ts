import type { ExpositionEncoder } from '@promkit/core';
import { encodeMetricFamilies } from './metric-family';

/**
 * The Content-Type of the protobuf exposition, exactly as Prometheus asks for it.
 *
 * @example
 * const scrape = await registry.scrape(PROTOBUF_CONTENT_TYPE); // served as protobuf once `registry.addFormat(protobuf)` ran
 */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited';

/**
 * The protobuf exposition format, for `registry.addFormat`: `scrape()` and every adapter then
 * serve it to scrapers that ask for it, as Prometheus does with
 * `--enable-feature=native-histograms`. The only format that carries native histograms.
 *
 * @example
 * import { protobuf } from '@promkit/protobuf';
 * registry.addFormat(protobuf);
 */
export const protobuf: ExpositionEncoder = {
  mediaType: 'application/vnd.google.protobuf',
  params: { proto: ['io.prometheus.client.MetricFamily'], encoding: ['delimited'] },
  contentType: PROTOBUF_CONTENT_TYPE,
  encode: encodeMetricFamilies,
};
