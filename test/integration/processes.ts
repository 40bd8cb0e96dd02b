// Starting and stopping the real servers the integration tests talk to: free ports, readiness
// by polling an HTTP URL, and a stop that always runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A started server process and how to stop it. */
export interface Running {
  readonly process: ChildProcess;
  /** Everything the process wrote to stderr and stdout so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `command` and resolves once `readyUrl` answers 200, or rejects with its output. */
export async function startServer(command: string, args: string[], readyUrl: string, timeoutMs = 20_000): Promise<Running> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const running: Running = {
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(readyUrl).then((r) => r.ok, () => false);
    if (ok) return running;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await running.stop();
  throw new Error(`${command} was not ready at ${readyUrl} within ${timeoutMs} ms:\n${output}`);
}
