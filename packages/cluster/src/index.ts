export type { ChannelOptions } from './channel';
export { clusterMetricsHandler } from './metrics-handler';
export type { ClusterMetricsHandlerOptions } from './metrics-handler';
export { scrapeWorkers } from './scrape-workers';
export type { ScrapeWorkersOptions, WorkerHandle } from './scrape-workers';
export { serveMetricsToPrimary } from './serve-metrics';
export type { ServeMetricsOptions } from './serve-metrics';
