export { metricsHandler, prometheus } from './prometheus';
export type { MetricsHandlerOptions } from '@promkit/node';
export type { AdapterOptions } from '@promkit/http';
