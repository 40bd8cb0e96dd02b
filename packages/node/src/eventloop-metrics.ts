import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RuntimeDefiner } from './runtime-options';

/**
 * Event loop delay: `nodejs_eventloop_lag_seconds` (how late a `setImmediate` ran, measured at
 * one scrape and shown at the next, as prom-client does) and the summary of the delay
 * histogram since the last scrape. Returns the function that stops the monitor.
 */
export function eventLoopMetrics(define: RuntimeDefiner): () => void {
  let lag = 0;
  const histogram = monitorEventLoopDelay({ resolution: define.options.eventLoopMonitoringPrecision ?? 10 });
  histogram.enable();
  define.gauge('nodejs_eventloop_lag_seconds', 'Lag of event loop in seconds.', () => {
    const start = performance.now();
    setImmediate(() => (lag = (performance.now() - start) / 1000)).unref();
    return lag;
  });
  // Read and reset once per scrape: the first of these gauges takes the snapshot.
  let snapshot = { min: 0, max: 0, mean: 0, stddev: 0, p50: 0, p90: 0, p99: 0 };
  const read = (key: keyof typeof snapshot) => () => {
    if (key === 'min') {
      const s = (n: number) => (Number.isFinite(n) ? n / 1e9 : 0);
      snapshot = {
        min: s(histogram.min),
        max: s(histogram.max),
        mean: s(histogram.mean),
        stddev: s(histogram.stddev),
        p50: s(histogram.percentile(50)),
        p90: s(histogram.percentile(90)),
        p99: s(histogram.percentile(99)),
      };
      histogram.reset();
    }
    return snapshot[key];
  };
  define.gauge('nodejs_eventloop_lag_min_seconds', 'The minimum recorded event loop delay.', read('min'));
  define.gauge('nodejs_eventloop_lag_max_seconds', 'The maximum recorded event loop delay.', read('max'));
  define.gauge('nodejs_eventloop_lag_mean_seconds', 'The mean of the recorded event loop delays.', read('mean'));
  define.gauge('nodejs_eventloop_lag_stddev_seconds', 'The standard deviation of the recorded event loop delays.', read('stddev'));
  define.gauge('nodejs_eventloop_lag_p50_seconds', 'The 50th percentile of the recorded event loop delays.', read('p50'));
  define.gauge('nodejs_eventloop_lag_p90_seconds', 'The 90th percentile of the recorded event loop delays.', read('p90'));
  define.gauge('nodejs_eventloop_lag_p99_seconds', 'The 99th percentile of the recorded event loop delays.', read('p99'));
  return () => histogram.disable();
}
