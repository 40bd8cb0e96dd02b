export { instrumentHandler } from './instrument-handler';
export type { InstrumentHandlerOptions } from './instrument-handler';
export { metricsHandler } from './metrics-handler';
export type { MetricsHandlerOptions } from './metrics-handler';
export { nodeScrapeResponse } from './node-scrape';
export type { NodeScrapeResponse } from './node-scrape';
export { trackRequest } from './track-request';
export type { RequestHooks } from './track-request';
