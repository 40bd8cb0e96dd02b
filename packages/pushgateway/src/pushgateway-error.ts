/** How much of a refusal's body the message quotes; `body` keeps all of it. */
const QUOTED_BODY_LENGTH = 500;

/**
 * A Pushgateway that answered with an error (`status` and its `body`), or could not be reached
 * or did not answer in time (`status` 0, the fetch error as `cause`).
 *
 * @example
 * try { await pushToGateway(options); } catch (error) { if (error instanceof PushgatewayError) log(error.status, error.body); }
 */
export class PushgatewayError extends Error {
  /** HTTP status of the answer, 0 when none came. */
  readonly status: number;
  /** Body of the answer, in full: the Pushgateway's explanation. The message quotes at most its first 500 characters. */
  readonly body: string;

  constructor(message: string, status: number, body: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'PushgatewayError';
    this.status = status;
    this.body = body;
  }
}

/**
 * The body as the message quotes it: trimmed, and cut after 500 characters (a proxy's HTML
 * error page can be megabytes) with how much was left out.
 */
export function quoteBody(body: string): string {
  const text = body.trim();
  if (text.length <= QUOTED_BODY_LENGTH) return text;
  // Never cut a surrogate pair in half: the message would not be valid UTF-8.
  const end = /[\uD800-\uDBFF]/.test(text[QUOTED_BODY_LENGTH - 1] ?? '') ? QUOTED_BODY_LENGTH - 1 : QUOTED_BODY_LENGTH;
  return `${text.slice(0, end)}… (${text.length - end} more characters in error.body)`;
}

/**
 * Why a fetch failed: its message, and the code of its cause. Node's fetch says only
 * `fetch failed` and keeps the reason (`ECONNREFUSED`, `ENOTFOUND`, …) in `error.cause.code`.
 */
export function fetchFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const why = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return why ? `${error.message} (${why})` : error.message;
}
