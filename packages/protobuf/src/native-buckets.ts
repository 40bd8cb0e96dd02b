import type { NativeBuckets, NativeHistogramSnapshot } from '@promkit/core';
import { bucketIndex, bucketUpperBound } from './exponential';

/**
 * Options of {@link nativeBuckets}.
 *
 * @example
 * const options: NativeBucketsOptions = { schema: 4, maxBuckets: 100, maxZeroThreshold: 1e-6 };
 */
export interface NativeBucketsOptions {
  /**
   * Resolution: each power of two is split into 2^schema buckets, an integer from -4 to 8;
   * the relative error of a quantile is at most 2^(2^-schema) - 1 (about 9 % for 3).
   * Default: 3, or what `bucketFactor` gives.
   */
  readonly schema?: number;
  /**
   * The widest ratio of neighbouring bucket bounds you accept (> 1), as client_golang's
   * `NativeHistogramBucketFactor`: the highest resolution whose factor 2^(2^-schema) is at
   * most this is chosen (1.1 → schema 3). Give `schema` or this, not both. Default: none.
   */
  readonly bucketFactor?: number;
  /** Observations at or below this go to the zero bucket. Default: 2^-128, as client_golang. */
  readonly zeroThreshold?: number;
  /**
   * The most populated buckets per series; past it the zero bucket widens (up to
   * `maxZeroThreshold`), else the resolution halves (schema - 1) down to schema -4.
   * 0 means no limit. Default: 160.
   */
  readonly maxBuckets?: number;
  /** How far the zero bucket may widen to stay within `maxBuckets`. Default: `zeroThreshold` (never). */
  readonly maxZeroThreshold?: number;
}

/** The native buckets of one series: counts dense from index `offset`, so `observe` allocates nothing once the range is known. */
interface NativeState {
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  offset: number;
  counts: number[];
  populated: number;
}

const check = (ok: boolean, option: string, rule: string, value: unknown): void => {
  if (!ok) throw new RangeError(`nativeBuckets: ${option} must be ${rule}, got ${String(value)}`);
};

function schemaOf({ schema, bucketFactor }: NativeBucketsOptions): number {
  if (bucketFactor === undefined) {
    const s = schema ?? 3;
    check(Number.isInteger(s) && s >= -4 && s <= 8, 'schema', 'an integer from -4 to 8', s);
    return s;
  }
  check(schema === undefined, 'schema', 'left out when bucketFactor is given', schema);
  check(bucketFactor > 1 && bucketFactor < Infinity, 'bucketFactor', 'a number > 1', bucketFactor);
  return Math.min(8, Math.max(-4, -Math.floor(Math.log2(Math.log2(bucketFactor))))) + 0; // not -0
}

// The populated bucket with the lowest index moves into the zero bucket, whose threshold
// becomes that bucket's upper bound, if it stays within the limit (client_golang's strategy).
function widenZeroBucket(state: NativeState, maxZeroThreshold: number): boolean {
  const slot = state.counts.findIndex((count) => count > 0);
  const threshold = bucketUpperBound(state.offset + slot, state.schema);
  if (threshold > maxZeroThreshold) return false;
  state.zeroCount += state.counts[slot] as number;
  state.counts = state.counts.slice(slot + 1);
  state.offset += slot + 1;
  state.zeroThreshold = threshold;
  state.populated--;
  return true;
}

// Schema s - 1 bucket j spans the schema s buckets 2j - 1 and 2j.
function halveResolution(state: NativeState): void {
  const offset = Math.floor((state.offset + 1) / 2);
  const counts = new Array<number>(Math.floor((state.offset + state.counts.length) / 2) - offset + 1).fill(0);
  state.counts.forEach((count, slot) => {
    (counts[Math.floor((state.offset + slot + 1) / 2) - offset] as number) += count;
  });
  state.schema--;
  state.offset = offset;
  state.counts = counts;
  state.populated = counts.filter((count) => count > 0).length;
}

/**
 * Native (sparse, exponential) buckets for a histogram, served by the protobuf exposition
 * format (`registry.addFormat(protobuf)`); Prometheus stores them with
 * `--enable-feature=native-histograms`. Text formats keep showing the classic buckets.
 *
 * @example
 * import { nativeBuckets, protobuf } from '@promkit/protobuf';
 * registry.addFormat(protobuf);
 * const latency = registry.histogram({ name: 'rpc_duration_seconds', help: 'RPC time.', native: nativeBuckets({ schema: 4 }) });
 * latency.observe(0.042);
 */
export function nativeBuckets(options: NativeBucketsOptions = {}): NativeBuckets<NativeState> {
  const schema = schemaOf(options);
  const { zeroThreshold = 2 ** -128, maxBuckets = 160 } = options;
  const maxZeroThreshold = options.maxZeroThreshold ?? zeroThreshold;
  check(zeroThreshold >= 0 && zeroThreshold < Infinity, 'zeroThreshold', 'a finite number >= 0', zeroThreshold);
  check(Number.isInteger(maxBuckets) && maxBuckets >= 0, 'maxBuckets', 'an integer >= 0', maxBuckets);
  check(maxZeroThreshold >= zeroThreshold && maxZeroThreshold < Infinity, 'maxZeroThreshold', `a finite number >= zeroThreshold (${zeroThreshold})`, maxZeroThreshold);
  return {
    create: () => ({ schema, zeroThreshold, zeroCount: 0, offset: 0, counts: [], populated: 0 }),
    observe(state, value) {
      if (value <= state.zeroThreshold) {
        state.zeroCount++;
        return;
      }
      const index = bucketIndex(value, state.schema);
      const { counts } = state;
      if (!counts.length) state.offset = index;
      let slot = index - state.offset;
      if (slot < 0) {
        state.counts = new Array<number>(-slot).fill(0).concat(counts);
        state.offset = index;
        slot = 0;
      } else while (counts.length <= slot) counts.push(0);
      if (state.counts[slot]!++ === 0 && ++state.populated > maxBuckets && maxBuckets && !widenZeroBucket(state, maxZeroThreshold)) {
        // Unlike client_golang, which halves once per new bucket, halve until within the limit.
        while (state.populated > maxBuckets && state.schema > -4) halveResolution(state);
      }
    },
    snapshot({ schema, zeroThreshold, zeroCount, offset, counts }): NativeHistogramSnapshot {
      const positive: [number, number][] = [];
      counts.forEach((count, slot) => count && positive.push([offset + slot, count]));
      return { schema, zeroThreshold, zeroCount, positive };
    },
  };
}
