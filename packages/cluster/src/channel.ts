/**
 * Options shared by both ends: the channel name keeps promkit's messages apart from the app's.
 *
 * @example
 * const options: ChannelOptions = { channel: 'metrics' };
 */
export interface ChannelOptions {
  /** Tag of promkit's IPC messages; any string the app does not use itself. Default: `'promkit'`. */
  readonly channel?: string;
}

/** What the primary and a worker send each other: a scrape request, or its answer. */
export interface Message {
  readonly channel: string;
  readonly type: 'scrape' | 'metrics';
  readonly id: number;
  /** The worker's exposition; the primary checks it is a string. */
  readonly text?: unknown;
  readonly error?: string;
}

/** Whether `m` is one of promkit's messages on `channel` (IPC also carries the app's own). */
export const isMessage = (m: unknown, channel: string): m is Message => typeof m === 'object' && m !== null && (m as Message).channel === channel;
