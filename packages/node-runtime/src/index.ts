export { createRuntimeMetrics } from './runtime-metrics';
export type { RuntimeMetricsOptions } from './runtime-options';
