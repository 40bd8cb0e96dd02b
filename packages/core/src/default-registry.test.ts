import { describe, expect, it, vi } from 'vitest';

describe('defaultRegistry', () => {
  it('is shared by every copy of the package loaded in the realm', async () => {
    const first = await import('./default-registry');
    vi.resetModules();
    const second = await import('./default-registry');
    expect(second).not.toBe(first);
    expect(second.defaultRegistry).toBe(first.defaultRegistry);
    expect(second.defaultRegistry).toBe((globalThis as Record<symbol, unknown>)[Symbol.for('promkit.defaultRegistry')]);
  });

  it('backs counter(), gauge() and histogram(), with get-or-create across copies', async () => {
    const first = await import('./default-registry');
    vi.resetModules();
    const second = await import('./default-registry');
    const jobs = first.counter({ name: 'default_registry_jobs_total', help: 'h' });
    expect(second.counter({ name: 'default_registry_jobs_total', help: 'h' })).toBe(jobs);
    first.gauge({ name: 'default_registry_depth', help: 'h' }).set(2);
    second.histogram({ name: 'default_registry_seconds', help: 'h', buckets: [1] }).observe(0.5);
    jobs.inc();
    const text = first.defaultRegistry.metrics();
    expect(text).toContain('default_registry_jobs_total 1\n');
    expect(text).toContain('default_registry_depth 2\n');
    expect(text).toContain('default_registry_seconds_count 1\n');
  });
});
