export { encodeWriteRequest, type Sample, type TimeSeries } from './protobuf';
export { RemoteWriteError } from './send';
export { snappyCompress } from './snappy';
export { createRemoteWriter, type FlushResult, type RemoteWriter, type RemoteWriterOptions } from './writer';
