export { instrumentFetch } from './instrument-fetch';
export type { InstrumentFetchOptions } from './instrument-fetch';
export { metricsHandler } from './metrics-handler';
export type { MetricsHandlerOptions } from './metrics-handler';
export { trackRequest } from './track-request';
export type { TrackedRequest } from './track-request';
