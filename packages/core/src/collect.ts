import type { InternalErrorHandler } from './error-sink';
import { type Metric, stateOf } from './metric';
import type { Series } from './series';

type AnyMetric = Metric<string, Series, unknown>;

/** Collect failures by metric name: the `promkit_collect_errors_total` counts. */
export type CollectErrors = Map<string, number>;

const failed = (metric: AnyMetric, error: unknown, report: InternalErrorHandler, errors: CollectErrors): void => {
  errors.set(metric.name, (errors.get(metric.name) ?? 0) + 1);
  report(error);
};

/**
 * Runs every synchronous collect; one that throws or returns a promise is reported and
 * counted, and its metric keeps its last values. The promise gets a handler, so it cannot
 * become an unhandled rejection.
 */
export function collectSync(metrics: Iterable<AnyMetric>, report: InternalErrorHandler, errors: CollectErrors): void {
  for (const metric of metrics) {
    try {
      const result: unknown = stateOf(metric).collect?.(metric as never);
      if (typeof (result as PromiseLike<void> | undefined)?.then !== 'function') continue;
      (result as PromiseLike<void>).then(undefined, () => {});
      throw new Error(`${metric.id}: collect returned a promise; use await registry.scrape() or registry.gather() for an async collect`);
    } catch (error) {
      failed(metric, error, report, errors);
    }
  }
}

/** Runs every collect, sync or async, concurrently; one that throws or rejects is reported and counted. */
export async function collectAsync(metrics: Iterable<AnyMetric>, report: InternalErrorHandler, errors: CollectErrors): Promise<void> {
  await Promise.all(
    [...metrics].map(async (metric) => {
      try {
        await stateOf(metric).collect?.(metric as never);
      } catch (error) {
        failed(metric, error, report, errors);
      }
    }),
  );
}
