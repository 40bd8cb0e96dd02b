export { bucketIndex, bucketUpperBound } from './exponential';
export { protobuf, PROTOBUF_CONTENT_TYPE } from './format';
export { encodeMetricFamilies } from './metric-family';
export { nativeBuckets } from './native-buckets';
export type { NativeBucketsOptions } from './native-buckets';
export { MessageWriter, ProtobufWriter, utf8Length, varintLength } from './wire';
