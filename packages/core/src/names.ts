import type { Metric } from './metric';
import type { Series } from './series';

type AnyMetric = Metric<string, Series, unknown>;

/** What must match for a second registration to return the first metric (label order does not: callers pass label objects). */
export const definition = (metric: AnyMetric & { buckets?: readonly number[]; native?: unknown; quantiles?: readonly number[]; maxAgeSeconds?: number; ageBuckets?: number }): string =>
  `${metric.type} ${metric.name}{${[...metric.labelNames].sort().join(',')}}` +
  (metric.buckets ? ` buckets [${metric.buckets.join(',')}]` : '') +
  (metric.quantiles?.length ? ` quantiles [${metric.quantiles.join(',')}] maxAgeSeconds ${metric.maxAgeSeconds} ageBuckets ${metric.ageBuckets}` : '') +
  (metric.native ? ' native' : '') +
  (metric.unit ? ` unit ${metric.unit}` : '');

// The self-metrics' names, reserved in every registry.
const SELF_METRICS = ['promkit_series_dropped_total', 'promkit_collect_errors_total'];

// The names a metric uses in either format: its family name(s) and every sample name.
const exposedNames = (type: string, name: string): string[] =>
  type === 'counter'
    ? [name, name.slice(0, -6), `${name.slice(0, -6)}_created`]
    : type === 'gauge'
      ? [name]
      : [name, `${name}_sum`, `${name}_count`, `${name}_created`, ...(type === 'histogram' ? [`${name}_bucket`] : [])];

/** Every name the registry's metrics use in either format, so no two families' samples clash. */
export class Names {
  readonly #users = new Map<string, AnyMetric | string>(SELF_METRICS.flatMap((self) => exposedNames('counter', self).map((name) => [name, self])));

  /** Takes every name `metric` exposes, or throws naming the metric that has one already. */
  claim(metric: AnyMetric): void {
    const names = exposedNames(metric.type, metric.name);
    for (const name of names) {
      const other = this.#users.get(name);
      if (other === undefined) continue;
      const id = typeof other === 'string' ? `promkit's own counter "${other}"` : other.id;
      throw new Error(`${metric.id} clashes with ${id}: both would expose "${name}"`);
    }
    for (const name of names) this.#users.set(name, metric);
  }

  /** Frees the names of a removed metric. */
  release(metric: AnyMetric): void {
    for (const name of exposedNames(metric.type, metric.name)) this.#users.delete(name);
  }
}
