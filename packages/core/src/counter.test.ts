import { describe, expect, it } from 'vitest';
import { Registry } from './registry';

const registry = () => new Registry();

describe('counter', () => {
  it('renders an unlabeled counter at 0 before any increment, in both formats', () => {
    const r = registry();
    r.counter({ name: 'jobs_total', help: 'Jobs run.' });
    expect(r.metrics()).toBe('# HELP jobs_total Jobs run.\n# TYPE jobs_total counter\njobs_total 0\n');
    expect(r.metrics('openmetrics')).toBe('# TYPE jobs counter\n# HELP jobs Jobs run.\njobs_total 0\n# EOF\n');
  });

  it('adds 1 by default, a given value otherwise, with or without labels', () => {
    const r = registry();
    const jobs = r.counter({ name: 'jobs_total', help: 'h' });
    jobs.inc();
    jobs.inc(2.5);
    const requests = r.counter({ name: 'requests_total', help: 'h', labelNames: ['method', 'code'] });
    requests.inc({ method: 'GET', code: 200 });
    requests.inc({ code: '200', method: 'GET' }, 4);
    requests.inc({ method: 'POST', code: 500 });
    expect(r.metrics()).toBe(
      [
        '# HELP jobs_total h',
        '# TYPE jobs_total counter',
        'jobs_total 3.5',
        '# HELP requests_total h',
        '# TYPE requests_total counter',
        'requests_total{method="GET",code="200"} 5',
        'requests_total{method="POST",code="500"} 1',
        '',
      ].join('\n'),
    );
  });

  it('exposes <name>_total in both formats when registered without the suffix, and never renames while rendering', () => {
    const r = registry();
    const c = r.counter({ name: 'bytes_sent', help: 'h', unit: 'sent' });
    c.inc(7);
    expect(c.name).toBe('bytes_sent_total');
    expect(r.metrics('openmetrics')).toBe('# TYPE bytes_sent counter\n# UNIT bytes_sent sent\n# HELP bytes_sent h\nbytes_sent_total 7\n# EOF\n');
    expect(r.metrics()).toBe('# HELP bytes_sent_total h\n# TYPE bytes_sent_total counter\nbytes_sent_total 7\n');
    expect(c.name).toBe('bytes_sent_total');
    expect(r.get('bytes_sent_total')).toBe(c);
  });

  it.each([
    [-1, RangeError, 'counter "c_total": increment must be a finite number >= 0, got -1'],
    [Number.NaN, RangeError, 'counter "c_total": increment must be a finite number >= 0, got NaN'],
    [Infinity, RangeError, 'counter "c_total": increment must be a finite number >= 0, got Infinity'],
    ['5', TypeError, 'counter "c_total": increment must be a finite number >= 0, got 5'],
  ])('rejects the increment %s with an error naming the metric', (value, Kind, message) => {
    const c = registry().counter({ name: 'c_total', help: 'h' });
    expect(() => c.inc(value as number)).toThrow(Kind);
    expect(() => c.inc(value as number)).toThrow(message);
    expect(() => c.labels({}).inc(value as number)).toThrow(message);
  });

  it('hands out one cached child per label set, whatever the key order', () => {
    const r = registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['a', 'b'] });
    const child = c.labels({ a: 'x', b: 'y' });
    expect(c.labels({ b: 'y', a: 'x' })).toBe(child);
    expect(c.labels({ a: 'x', b: 'z' })).not.toBe(child);
    child.inc();
    c.inc({ a: 'x', b: 'y' });
    expect(r.snapshot()[0]!.series.map((s) => s.value)).toEqual([2, 0]);
  });

  it('finds one series for a label set whose keys leave labelNames order part-way, whichever order came first', () => {
    const r = registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['a', 'b', 'c'] });
    c.inc({ a: '1', c: '3', b: '2' });
    c.inc({ a: '1', b: '2', c: '3' });
    c.inc({ c: '3', b: '2', a: '1' });
    c.inc({ a: '1', b: '2', c: 'other' });
    c.inc({ b: '2', a: '1', c: 'other' });
    expect(r.metrics()).toBe('# HELP c_total h\n# TYPE c_total counter\nc_total{a="1",b="2",c="3"} 3\nc_total{a="1",b="2",c="other"} 2\n');
  });

  it('keeps a child working after remove() and reset(): its next update starts a fresh series', () => {
    const r = registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['a'] });
    const child = c.labels({ a: 'x' });
    child.inc(5);
    c.remove({ a: 'x' });
    expect(r.metrics()).toBe('# HELP c_total h\n# TYPE c_total counter\n');
    child.inc();
    expect(r.metrics()).toBe('# HELP c_total h\n# TYPE c_total counter\nc_total{a="x"} 1\n');
    c.inc({ a: 'x' });
    c.reset();
    child.inc(2);
    c.inc({ a: 'x' });
    expect(r.metrics()).toBe('# HELP c_total h\n# TYPE c_total counter\nc_total{a="x"} 3\n');
  });

  it('resets an unlabeled counter to 0 and keeps showing it', () => {
    const r = registry();
    const c = r.counter({ name: 'c_total', help: 'h' });
    c.inc(3);
    c.reset();
    expect(r.metrics()).toBe('# HELP c_total h\n# TYPE c_total counter\nc_total 0\n');
  });

  it('ignores remove() of a label set it never saw', () => {
    const r = registry();
    const c = r.counter({ name: 'c_total', help: 'h', labelNames: ['a'] });
    c.inc({ a: 'x' });
    c.remove({ a: 'y' });
    expect(r.snapshot()[0]!.series).toHaveLength(1);
  });

  it('runs collect before each exposition', () => {
    const r = registry();
    let polls = 0;
    r.counter({ name: 'polls_total', help: 'h', collect: (c) => c.inc(++polls) });
    expect(r.metrics()).toContain('polls_total 1\n');
    expect(r.metrics()).toContain('polls_total 3\n');
  });
});
