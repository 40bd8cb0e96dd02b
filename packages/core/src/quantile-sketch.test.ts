import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUANTILE_RELATIVE_ERROR } from './quantile-sketch';
import { Registry } from './registry';

afterEach(() => vi.useRealTimers());

const QUANTILES = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

// A seeded generator (mulberry32), so every run checks the same data.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const normal = (next: () => number) => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
const DISTRIBUTIONS: Record<string, (next: () => number) => number> = {
  uniform: (next) => next() * 10,
  exponential: (next) => -Math.log(1 - next()) * 0.1,
  'log-normal latency': (next) => Math.exp(normal(next) - 3),
  'pareto (heavy tail)': (next) => 0.001 / (1 - next()) ** (1 / 1.2),
  bimodal: (next) => (next() < 0.8 ? 0.005 + next() * 0.001 : 2 + next()),
  'integers with zeros and repeats': (next) => Math.floor(next() * 20),
};

// The exact quantile the bound is stated against: the observation of rank ⌊q·(n−1)⌋.
const exact = (sorted: readonly number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))] as number;

function reported(values: readonly number[], quantiles = QUANTILES): number[] {
  const registry = new Registry();
  const s = registry.summary({ name: 's', help: 'h', quantiles });
  for (const value of values) s.observe(value);
  return registry.snapshot()[0]!.series[0]!.quantiles!.map((q) => q.value);
}

// Relative error of `value` against `truth`, with room for the last bits of floating point.
const withinBound = (value: number, truth: number) => Math.abs(value - truth) <= QUANTILE_RELATIVE_ERROR * truth * (1 + 1e-12);

describe('summary quantiles: accuracy against exact quantiles of the same data', () => {
  it.each(Object.entries(DISTRIBUTIONS))('stays within the documented 1 %% relative error for %s data', (_, draw) => {
    const next = random(20261129);
    const values = Array.from({ length: 20_000 }, () => draw(next));
    const sorted = [...values].sort((a, b) => a - b);
    const got = reported(values);
    const off = QUANTILES.filter((q, i) => !withinBound(got[i] as number, exact(sorted, q)));
    expect(off).toEqual([]);
  });

  it('stays within the bound for any data spanning less than MAX_SKETCH_BUCKETS buckets (property)', () => {
    const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }), (values, qs) => {
        const quantiles = [...qs].sort((a, b) => a - b);
        const sorted = [...values].sort((a, b) => a - b);
        const got = reported(values, quantiles);
        quantiles.forEach((q, i) => expect(withinBound(got[i] as number, exact(sorted, q)), `q=${q}`).toBe(true));
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('merges the slices of the window: data spread over time gives the same quantiles', () => {
    vi.useFakeTimers({ now: 0 });
    const next = random(7);
    const values = Array.from({ length: 5000 }, () => DISTRIBUTIONS['log-normal latency']!(next));
    const registry = new Registry();
    const s = registry.summary({ name: 's', help: 'h', quantiles: QUANTILES, maxAgeSeconds: 50, ageBuckets: 5 });
    // Ten seconds per slice: the 5,000 observations fall in slices 0 to 4, all still in the window at 49.999 s.
    values.forEach((value, i) => {
      vi.setSystemTime(Math.floor((i / values.length) * 49_999));
      s.observe(value);
    });
    expect(registry.snapshot()[0]!.series[0]!.quantiles!.map((q) => q.value)).toEqual(reported(values));
  });

  it('keeps memory bounded: past 1,024 buckets the lowest fold into one, and higher quantiles keep the bound', () => {
    // 1e-12 … 1e12 spans ~2,760 buckets at 1 %; the lowest ~63 % of them fold.
    const next = random(3);
    const values = Array.from({ length: 20_000 }, () => 10 ** (next() * 24 - 12));
    const sorted = [...values].sort((a, b) => a - b);
    const got = reported(values);
    QUANTILES.forEach((q, i) => {
      const truth = exact(sorted, q);
      if (q >= 0.75) expect(withinBound(got[i] as number, truth), `q=${q}`).toBe(true);
      // Inside the folded range a quantile is reported as the top of that range: never below the truth.
      else expect(got[i]).toBeGreaterThanOrEqual(truth * (1 - QUANTILE_RELATIVE_ERROR));
    });
  });
});
