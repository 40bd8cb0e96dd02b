export { clusterMetricsHandler, scrapeWorkers, serveMetricsToPrimary } from './worker-metrics';
export type { ChannelOptions, ScrapeWorkersOptions, ServeMetricsOptions, WorkerHandle } from './worker-metrics';
