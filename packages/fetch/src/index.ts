export { instrumentFetch } from './instrument-fetch';
export type { InstrumentFetchOptions } from './instrument-fetch';
export { metricsHandler } from './metrics-handler';
export type { MetricsHandlerOptions } from './metrics-handler';
export { trackRequest, watchSignal } from './track-request';
export type { LeaveWatcher, TrackedRequest } from './track-request';
