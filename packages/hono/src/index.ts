export { prometheus } from './prometheus';
export type { PrometheusOptions } from './prometheus';
