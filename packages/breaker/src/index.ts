export { createBreakerMetrics } from './breaker-metrics';
export type { BreakerMetrics } from './breaker-metrics';
export type { BreakerBindingOptions, BreakerMetricsOptions, BreakerState } from './options';
export { instrumentCockatiel } from './cockatiel';
export type { CockatielBreaker, CockatielState } from './cockatiel';
export { instrumentOpossum } from './opossum';
export type { OpossumBreaker, OpossumState } from './opossum';
