// Asking a running Prometheus what it stored, through its HTTP query API.
import { expect } from 'vitest';

/** One element of an instant vector. */
export interface VectorSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/** Runs an instant query and returns its vector (failing the test when Prometheus refuses it). */
export async function query(api: string, expr: string): Promise<VectorSample[]> {
  const response = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as { status: string; error?: string; data: { result: VectorSample[] } };
  expect(body.status, `${expr}: ${body.error}`).toBe('success');
  return body.data.result;
}

/** Polls `expr` until its first value passes `ok`, and returns it; throws with `context()` after the timeout. */
export async function waitForValue(api: string, expr: string, ok: (value: number) => boolean, context: () => string, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = Number.NaN;
  while (Date.now() < deadline) {
    const [first] = await query(api, expr);
    last = first ? Number(first.value[1]) : Number.NaN;
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${expr} was ${last} after ${timeoutMs} ms\n${context()}`);
}
