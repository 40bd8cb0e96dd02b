// A small, dependency-free micro-benchmark harness. Each case runs its contenders in
// alternating rounds (so machine noise hits both alike) and reports the median time per
// operation of each and their ratio. Only ratios are meaningful on a shared machine.

const now = () => Number(process.hrtime.bigint());

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Measures `fn(iterations)` for each contender; `fn` runs the operation `iterations` times.
 * Returns the median nanoseconds per operation per contender.
 */
export async function compare(contenders, { iterations, rounds = 15, warmup = 3 }) {
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const start = now();
      await fn(iterations);
      const elapsed = now() - start;
      if (round >= warmup) samples[name].push(elapsed / iterations);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]));
}

/** Formats nanoseconds per operation for the table. */
export const formatNs = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(1)} ns`);

/**
 * Median nanoseconds per operation of `run(iterations)` (which runs the operation `iterations`
 * times) over `rounds` timed rounds after `warmup` untimed ones: for a case measured in a
 * process of its own.
 */
export async function timePerOperation(run, iterations, { rounds = 6, warmup = 2 } = {}) {
  const samples = [];
  for (let round = 0; round < warmup + rounds; round++) {
    const start = now();
    await run(iterations);
    if (round >= warmup) samples.push((now() - start) / iterations);
  }
  return median(samples);
}
