// Reading scrapes in the shared adapter suite: sample values, totals, and polling with a deadline.

/** The value of the sample `name{labels}` in exposition text, or undefined when absent. */
export function sample(text: string, name: string, labels = ''): number | undefined {
  const prefix = labels ? `${name}{${labels}} ` : `${name} `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(prefix.length));
}

/** The sum of every `http_requests_total` sample: requests recorded so far. */
export function totalRequests(text: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith('http_requests_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** How much the sample `name{labels}` grew from one scrape to the next. */
export const grew = (before: string, after: string, name: string, labels: string): number =>
  (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);

/** Requests the server has taken in since `before`: recorded ones plus those still in flight. */
export const seenSince = (before: string, text: string): number =>
  totalRequests(text) - totalRequests(before) + (sample(text, 'http_requests_in_flight') ?? 0) - (sample(before, 'http_requests_in_flight') ?? 0);

/**
 * Scrapes until `done(text)` holds and returns that scrape; past the deadline, fails naming
 * what it waited for and what the last scrape said.
 */
export async function scrapeUntil(scrape: () => Promise<string>, done: (text: string) => boolean, what: string, timeoutMs = 3000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await scrape();
    if (done(text)) return text;
    if (Date.now() > deadline) {
      throw new Error(
        `gave up after ${timeoutMs} ms waiting for ${what}: the last scrape had ${sample(text, 'http_requests_in_flight')} in flight and ${totalRequests(text)} requests recorded`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
