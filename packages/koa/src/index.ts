export { metricsHandler, prometheus } from './prometheus';
export type { AdapterOptions } from '@promkit/http';
