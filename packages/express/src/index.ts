export { metricsHandler } from '@promkit/node';
export type { MetricsHandlerOptions } from '@promkit/node';
export { prometheus } from './prometheus';
export type { AdapterOptions } from '@promkit/http';
