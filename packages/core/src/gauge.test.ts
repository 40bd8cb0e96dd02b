import { afterEach, describe, expect, it, vi } from 'vitest';
import { Registry } from './registry';

afterEach(() => vi.useRealTimers());

describe('gauge', () => {
  it('sets, increments and decrements, labeled or not', () => {
    const r = new Registry();
    const g = r.gauge({ name: 'temperature_celsius', help: 'Temperature.', unit: 'celsius' });
    g.set(21.5);
    g.inc();
    g.dec(0.25);
    const q = r.gauge({ name: 'queue_depth', help: 'Depth.', labelNames: ['queue'] });
    q.set({ queue: 'a' }, 3);
    q.inc({ queue: 'a' }, 2);
    q.dec({ queue: 'b' });
    expect(r.metrics('openmetrics')).toBe(
      [
        '# TYPE temperature_celsius gauge',
        '# UNIT temperature_celsius celsius',
        '# HELP temperature_celsius Temperature.',
        'temperature_celsius 22.25',
        '# TYPE queue_depth gauge',
        '# HELP queue_depth Depth.',
        'queue_depth{queue="a"} 5',
        'queue_depth{queue="b"} -1',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  it('renders +Inf, -Inf and NaN', () => {
    const r = new Registry();
    const g = r.gauge({ name: 'g', help: 'h', labelNames: ['v'] });
    g.set({ v: 'pos' }, Infinity);
    g.set({ v: 'neg' }, -Infinity);
    g.set({ v: 'nan' }, Number.NaN);
    expect(r.metrics()).toBe('# HELP g h\n# TYPE g gauge\ng{v="pos"} +Inf\ng{v="neg"} -Inf\ng{v="nan"} NaN\n');
  });

  it('sets the current Unix time in seconds', () => {
    vi.useFakeTimers({ now: 1_700_000_000_500 });
    const r = new Registry();
    r.gauge({ name: 'last_success_seconds', help: 'h' }).setToCurrentTime();
    expect(r.metrics()).toContain('last_success_seconds 1700000000.5\n');
  });

  it('times with startTimer: end() sets and returns the elapsed seconds, merging labels', () => {
    vi.useFakeTimers();
    const r = new Registry();
    const g = r.gauge({ name: 'last_run_seconds', help: 'h', labelNames: ['job', 'result'] });
    const end = g.startTimer({ job: 'backup' });
    vi.advanceTimersByTime(1500);
    expect(end({ result: 'ok' })).toBe(1.5);
    const child = g.labels({ job: 'x', result: 'y' });
    const stop = child.startTimer();
    vi.advanceTimersByTime(250);
    expect(stop()).toBe(0.25);
    expect(r.metrics()).toContain('last_run_seconds{job="backup",result="ok"} 1.5\nlast_run_seconds{job="x",result="y"} 0.25\n');
  });

  it('calls collect synchronously at exposition time', () => {
    const r = new Registry();
    const queue = [1, 2, 3];
    r.gauge({ name: 'queue_length', help: 'h', collect: (g) => g.set(queue.length) });
    expect(r.metrics()).toContain('queue_length 3\n');
    queue.pop();
    expect(r.metrics()).toContain('queue_length 2\n');
  });

  it('rejects non-number values with a TypeError naming the metric', () => {
    const g = new Registry().gauge({ name: 'g', help: 'h' });
    expect(() => g.set('1' as unknown as number)).toThrow(new TypeError('gauge "g": value must be a number, got 1'));
    expect(() => g.inc('2' as unknown as number)).toThrow('gauge "g": increment must be a number, got 2');
    expect(() => g.dec('x' as unknown as number)).toThrow(new TypeError('gauge "g": decrement must be a number, got x'));
  });
});
