import type { Sample, TimeSeries } from './protobuf';
import type { NamedValue } from './series';

interface Pending {
  readonly labels: TimeSeries['labels'];
  samples: Sample[];
}

/**
 * The samples waiting to be written, per series, and the last timestamp written per series so
 * that time never goes backwards for a receiver (which rejects a whole request over one
 * out-of-order sample).
 */
export class SampleQueue {
  readonly #last = new Map<string, number>();
  readonly #pending = new Map<string, Pending>();
  size = 0;

  /**
   * Queues the values at `now`. A series seen for the first time gets a 0 sample at its
   * creation time (counters and histograms created within `zeroWindow` ms), so `increase()`
   * sees its first increment. A sample in the same millisecond as the last one of its series
   * moves 1 ms later rather than being skipped: the newest value is the one that matters.
   */
  add(values: readonly NamedValue[], now: number, zeroWindow: number): void {
    for (const { labels, value, created } of values) {
      const key = JSON.stringify(labels);
      let last = this.#last.get(key);
      let entry = this.#pending.get(key);
      if (!entry) this.#pending.set(key, (entry = { labels, samples: [] }));
      if (last === undefined && created !== undefined && created >= now - zeroWindow && created <= now) {
        entry.samples.push({ value: 0, timestamp: (last = created) });
        this.size++;
      }
      const timestamp = last === undefined ? now : Math.max(now, last + 1);
      entry.samples.push({ value, timestamp });
      this.size++;
      this.#last.set(key, timestamp);
    }
  }

  /** Drops the oldest samples beyond `max`; returns how many. */
  trim(max: number): number {
    let excess = this.size - max;
    const dropped = Math.max(0, excess);
    for (const [key, entry] of this.#pending) {
      if (excess <= 0) break;
      const cut = Math.min(excess, entry.samples.length);
      entry.samples = entry.samples.slice(cut);
      if (!entry.samples.length) this.#pending.delete(key);
      excess -= cut;
    }
    this.size -= dropped;
    return dropped;
  }

  /** Takes every queued series, in batches of about `maxBytes` encoded bytes each. */
  take(maxBytes: number): TimeSeries[][] {
    const batches: TimeSeries[][] = [[]];
    let bytes = 0;
    for (const entry of this.#pending.values()) {
      // An upper bound of the encoded size: 3 bytes per UTF-16 unit plus tags, 20 per sample.
      const size = entry.labels.reduce((sum, [n, v]) => sum + 3 * (n.length + v.length) + 12, 0) + 20 * entry.samples.length;
      if (bytes + size > maxBytes && bytes > 0) batches.push([]), (bytes = 0);
      batches[batches.length - 1]!.push(entry);
      bytes += size;
    }
    this.#pending.clear();
    this.size = 0;
    return batches.filter((batch) => batch.length);
  }

  /** Puts a batch back in front of anything queued since, for the next flush. */
  restore(batch: readonly TimeSeries[]): void {
    const later = [...this.#pending];
    this.#pending.clear();
    for (const { labels, samples } of batch) this.#pending.set(JSON.stringify(labels), { labels, samples: [...samples] });
    for (const [key, entry] of later) {
      const kept = this.#pending.get(key);
      if (kept) kept.samples.push(...entry.samples);
      else this.#pending.set(key, entry);
    }
    this.size += batch.reduce((sum, s) => sum + s.samples.length, 0);
  }
}
