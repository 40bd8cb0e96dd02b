/**
 * A remote write request that the receiver refused, or that never reached it (`status` 0).
 *
 * @example
 * const result = await writer.flush();
 * if (result.error instanceof RemoteWriteError) console.log(result.error.status, result.error.body);
 */
export class RemoteWriteError extends Error {
  /** HTTP status of the answer, 0 when none came. */
  readonly status: number;
  /** The receiver's explanation: the response body, cut to 512 characters. */
  readonly body: string;

  constructor(message: string, status: number, body: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'RemoteWriteError';
    this.status = status;
    this.body = body;
  }
}

/** How {@link post} sends and retries. */
export interface SendOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch;
  readonly retries: number;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly timeoutMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Retry-After is seconds or an HTTP date (RFC 9110 section 10.2.3).
const retryAfter = (header: string | null): number | undefined => {
  if (header === null) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
};

async function attempt(body: Uint8Array<ArrayBuffer>, options: SendOptions): Promise<{ error?: RemoteWriteError; retryable: boolean; wait?: number }> {
  let response: Response;
  try {
    response = await options.fetch(options.url, { method: 'POST', headers: options.headers, body, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    return { error: new RemoteWriteError(`remote write POST ${options.url} failed: ${(error as Error).message}`, 0, '', error), retryable: true };
  }
  if (response.ok) {
    await response.body?.cancel();
    return { retryable: false };
  }
  const text = (await response.text().catch(() => '')).slice(0, 512);
  const { status } = response;
  const error = new RemoteWriteError(`remote write POST ${options.url} failed with status ${status}: ${text.trim()}`, status, text);
  // Remote write 1.0: 5xx and 429 may be retried; other 4xx mean the data is bad and must not be.
  return { error, retryable: status >= 500 || status === 429, wait: status === 429 ? retryAfter(response.headers.get('retry-after')) : undefined };
}

/**
 * POSTs one compressed WriteRequest, retrying 5xx, 429 and network failures with exponential
 * backoff and full jitter up to `maxBackoffMs`. Resolves to the last error, if any, and whether
 * the samples are worth keeping for a later flush.
 */
export async function post(body: Uint8Array<ArrayBuffer>, options: SendOptions): Promise<{ error?: RemoteWriteError; keep: boolean }> {
  for (let tries = 0; ; tries++) {
    const { error, retryable, wait } = await attempt(body, options);
    if (!error) return { keep: false };
    if (!retryable) return { error, keep: false };
    const backoff = Math.min(options.maxBackoffMs, options.minBackoffMs * 2 ** tries);
    // A receiver that asks for a longer pause than we wait gets its pause: keep for the next flush.
    if (tries >= options.retries || (wait ?? 0) > options.maxBackoffMs) return { error, keep: true };
    await sleep(wait ?? backoff / 2 + (Math.random() * backoff) / 2);
  }
}
