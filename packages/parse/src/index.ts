export { aggregate } from './aggregate';
export type { AggregateOptions, Aggregation, ExpositionSource, GaugeRule, RejectedSource } from './aggregate';
export { normalize } from './normalize';
export { parse } from './parse';
export type { ParseOptions } from './parse';
export { ParseError } from './types';
export type { Exemplar, FamilyType, Format, MetricFamily, Sample } from './types';
export { valueOf } from './value-of';
export type { MetricsSource } from './value-of';
