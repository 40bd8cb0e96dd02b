export { breakerMetrics } from './breaker-metrics';
export type { BreakerMetrics, BreakerMetricsOptions, BreakerState, InstrumentOptions } from './breaker-metrics';
export { instrumentCockatiel } from './cockatiel';
export type { CockatielBreaker, CockatielState } from './cockatiel';
export { instrumentOpossum } from './opossum';
export type { OpossumBreaker, OpossumState } from './opossum';
