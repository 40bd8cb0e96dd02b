import { afterEach, beforeEach, vi } from 'vitest';

/** An action that resolves `'ok'`, or rejects with `Error('down')`, after `ms` of fake time. */
export const after = (ms: number, fail = false): Promise<string> =>
  new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error('down')) : resolve('ok')), ms));

/** Lets `ms` of fake time pass, then gives the call's result, or its error's message. */
export async function settle(call: Promise<unknown>, ms = 0): Promise<unknown> {
  const outcome = call.catch((error: Error) => error.message);
  await vi.advanceTimersByTimeAsync(ms);
  return outcome;
}

/** Runs every test of the enclosing suite on fake timers (Date and performance included), so durations are exact. */
export function useFakeTimers(): void {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
}
