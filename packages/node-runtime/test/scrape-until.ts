// Reading expositions in the runtime metrics tests: one sample's value, and polling with a deadline.
import type { Registry } from '@promkit/core';

/** The value of the first sample named `sample` (any labels), or NaN. */
export const value = (text: string, sample: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `) || l.startsWith(`${sample}{`));
  return Number(line?.split(' ').pop());
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Scrapes every 30 ms (longer than the 10 ms event loop resolution, so a sample can land in
 * between) until `done` holds for the exposition, failing after `deadlineMs`.
 */
export async function scrapeUntil(registry: Registry, done: (text: string) => boolean, deadlineMs = 3000): Promise<string> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    const text = registry.metrics();
    if (done(text)) return text;
    if (performance.now() > deadline) throw new Error(`scrapeUntil: condition not met within ${deadlineMs} ms; last scrape:\n${text}`);
    await sleep(30);
  }
}
