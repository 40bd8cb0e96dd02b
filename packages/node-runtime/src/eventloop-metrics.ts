import type { IntervalHistogram } from 'node:perf_hooks';
import type { RuntimeDefiner } from './runtime-options';

type Summary = { min: number; max: number; mean: number; stddev: number; p50: number; p90: number; p99: number };

const EMPTY: Summary = { min: 0, max: 0, mean: 0, stddev: 0, p50: 0, p90: 0, p99: 0 };

/**
 * Event loop delay: `nodejs_eventloop_lag_seconds` (how late a `setImmediate` ran, measured at
 * one scrape and shown at the next, as prom-client does) and the summary of `histogram` (a
 * `monitorEventLoopDelay()` the caller enables and disables) since the last scrape.
 */
export function eventLoopMetrics(define: RuntimeDefiner, histogram: IntervalHistogram): void {
  let lag = 0;
  define.gauge('nodejs_eventloop_lag_seconds', 'Lag of event loop in seconds.', () => {
    const start = performance.now();
    setImmediate(() => (lag = (performance.now() - start) / 1000)).unref();
    return lag;
  });
  // Read and reset once per scrape, by whichever gauge is read first: a gauge read a second
  // time since the last snapshot means a new scrape began. Any subset of the gauges works, so
  // removing one (say `min`) leaves the others moving. A histogram without samples (scraped
  // again within one resolution step, or stopped) reports zeros, not the 2^63 ns minimum
  // prom-client passes on.
  let snapshot = EMPTY;
  const read = new Set<keyof Summary>(Object.keys(EMPTY) as (keyof Summary)[]);
  const take = (): Summary =>
    histogram.count === 0
      ? EMPTY
      : {
          min: histogram.min / 1e9,
          max: histogram.max / 1e9,
          mean: histogram.mean / 1e9,
          stddev: histogram.stddev / 1e9,
          p50: histogram.percentile(50) / 1e9,
          p90: histogram.percentile(90) / 1e9,
          p99: histogram.percentile(99) / 1e9,
        };
  const reader = (key: keyof Summary) => () => {
    if (read.has(key)) {
      snapshot = take();
      histogram.reset();
      read.clear();
    }
    read.add(key);
    return snapshot[key];
  };
  define.gauge('nodejs_eventloop_lag_min_seconds', 'The minimum recorded event loop delay.', reader('min'));
  define.gauge('nodejs_eventloop_lag_max_seconds', 'The maximum recorded event loop delay.', reader('max'));
  define.gauge('nodejs_eventloop_lag_mean_seconds', 'The mean of the recorded event loop delays.', reader('mean'));
  define.gauge('nodejs_eventloop_lag_stddev_seconds', 'The standard deviation of the recorded event loop delays.', reader('stddev'));
  define.gauge('nodejs_eventloop_lag_p50_seconds', 'The 50th percentile of the recorded event loop delays.', reader('p50'));
  define.gauge('nodejs_eventloop_lag_p90_seconds', 'The 90th percentile of the recorded event loop delays.', reader('p90'));
  define.gauge('nodejs_eventloop_lag_p99_seconds', 'The 99th percentile of the recorded event loop delays.', reader('p99'));
}
