// Raw TCP clients for the hostile-client checks of the shared adapter suite: pipelining,
// disconnects mid-headers or mid-body, absolute-form targets. `fetch` cannot do any of these.
import { connect, type Socket } from 'node:net';

/** Opens a TCP connection to an app's base URL (`http://127.0.0.1:port`). */
export function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A GET request head in the form Node's parser reads: `target` as written (origin- or absolute-form). */
export const rawGet = (target: string, headers = ''): string => `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${headers}\r\n`;

/** Sends `data` on a new connection and resolves with everything the server sent until it closed. */
export async function exchange(url: string, data: string): Promise<string> {
  const socket = await openSocket(url);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.write(data);
  await closed;
  return Buffer.concat(chunks).toString('latin1');
}

/**
 * GETs 100 distinct 14 KB paths under `prefix` (one long segment each, under Node's 16 KB
 * header limit), ten at a time, and reads every answer.
 */
export async function getLongPaths(url: string, prefix: string): Promise<void> {
  for (let i = 0; i < 100; i += 10) {
    const batch = Array.from({ length: 10 }, (_, j) => `${prefix}/${String.fromCharCode(97 + ((i + j) % 26)).repeat(1 + i / 10)}-${'x'.repeat(14_000)}`);
    await Promise.all(batch.map(async (path) => (await fetch(`${url}${path}`)).text()));
  }
}
