export { instrument } from './instrument';
export type { InstrumentOptions } from './instrument';
export { metricsHandler } from './metrics-handler';
export type { MetricsHandlerOptions } from './metrics-handler';
export { trackRequest } from './track-response';
export type { RequestHooks } from './track-response';
