import { describe, expect, it } from 'vitest';
import { Registry } from './registry';

const queue = (r: Registry, collect: () => void | Promise<void>) =>
  r.gauge({ name: 'queue_depth', help: 'h', collect: async (g) => (await collect(), g.set(3)) });

describe('collect', () => {
  it('awaits async collects in scrape() and gather()', async () => {
    const r = new Registry();
    r.gauge({ name: 'g', help: 'h', collect: async (g) => g.set(await Promise.resolve(42)) });
    expect((await r.scrape()).body).toBe('# HELP g h\n# TYPE g gauge\ng 42\n');
    expect((await r.gather())[0]!.series[0]!.value).toBe(42);
  });

  it('reports a collect that rejects, counts it, and still scrapes the other metrics with the failing one at its last values', async () => {
    const errors: unknown[] = [];
    const r = new Registry({ onInternalError: (error) => errors.push(error) });
    let fail = false;
    queue(r, () => {
      if (fail) throw new Error('queue down');
    });
    r.counter({ name: 'jobs', help: 'h' }).inc();
    await r.scrape();
    fail = true;
    expect((await r.scrape()).body).toBe(
      [
        '# HELP queue_depth h',
        '# TYPE queue_depth gauge',
        'queue_depth 3',
        '# HELP jobs_total h',
        '# TYPE jobs_total counter',
        'jobs_total 1',
        '# HELP promkit_collect_errors_total Collect callbacks that threw or rejected.',
        '# TYPE promkit_collect_errors_total counter',
        'promkit_collect_errors_total{metric="queue_depth"} 1',
        '',
      ].join('\n'),
    );
    expect(errors).toEqual([new Error('queue down')]);
  });

  it('reports a collect that throws synchronously in metrics() and renders the rest', () => {
    const errors: unknown[] = [];
    const r = new Registry({ onInternalError: (error) => errors.push(error) });
    r.gauge({ name: 'g', help: 'h', collect: () => { throw new TypeError('boom'); } });
    expect(r.metrics()).toContain('g 0\n');
    expect(r.snapshot().at(-1)).toMatchObject({ name: 'promkit_collect_errors_total', series: [{ labels: { metric: 'g' }, value: 2 }] });
    expect(errors).toEqual([new TypeError('boom'), new TypeError('boom')]);
  });

  it('refuses an async collect in metrics() with an error naming the metric, and leaves no unhandled rejection', async () => {
    const errors: unknown[] = [];
    const r = new Registry({ onInternalError: (error) => errors.push(error) });
    queue(r, () => Promise.reject(new Error('later')));
    expect(r.metrics()).toBe(
      '# HELP queue_depth h\n# TYPE queue_depth gauge\nqueue_depth 0\n# HELP promkit_collect_errors_total Collect callbacks that threw or rejected.\n# TYPE promkit_collect_errors_total counter\npromkit_collect_errors_total{metric="queue_depth"} 1\n',
    );
    expect(errors).toEqual([
      new Error('gauge "queue_depth": collect returned a promise; use await registry.scrape() or registry.gather() for an async collect'),
    ]);
    // An unhandled rejection would fail this test run (vitest reports it).
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('takes the newest collect when a metric is registered again (hot reload), and keeps the first help', () => {
    const r = new Registry();
    r.gauge({ name: 'g', help: 'first', collect: (g) => g.set(1) });
    r.gauge({ name: 'g', help: 'second', collect: (g) => g.set(2) });
    expect(r.metrics()).toBe('# HELP g first\n# TYPE g gauge\ng 2\n');
  });
});
