export { prometheus } from './hono';
export type { PrometheusOptions } from './hono';
export { instrument } from './instrument';
export type { InstrumentOptions } from './instrument';
export { metricsHandler } from './metrics-handler';
export type { MetricsHandlerOptions } from './metrics-handler';
