/**
 * Clients that go away, for the fetch-style adapters (fetch, Hono): every request is recorded
 * once and leaves in-flight once, whenever the client leaves. Requests are driven by an
 * AbortController, as a fetch runtime aborts `request.signal` on disconnect, and once on a real
 * socket through fetch-server.ts. An adapter test supplies `app`, which serves:
 *
 * - `GET /slow` → after 30 ms, whatever `answer` returns or throws (the app's error handling may answer a throw);
 * - `GET /stream` → 200 at once, with {@link streamedBody} as its body.
 */
import type { Registry } from '@promkit/core';
import { describe, expect, it } from 'vitest';
import { serveFetch } from './fetch-server';
import { sample } from './suite';

export interface FetchAppUnderTest {
  readonly name: string;
  app(registry: Registry, answer: () => Response): (request: Request) => Promise<Response>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A body of ten one-byte chunks, 20 ms apart. */
export function streamedBody(): ReadableStream<Uint8Array> {
  let chunks = 0;
  return new ReadableStream<Uint8Array>({
    async pull(stream) {
      await sleep(20);
      if (chunks++ < 10) stream.enqueue(new Uint8Array([120]));
      else stream.close();
    },
  });
}

// Every sample of http_requests_total as `labels value`, and the in-flight gauge.
const recorded = (registry: Registry) => {
  const text = registry.metrics();
  const requests = text.split('\n').filter((line) => line.startsWith('http_requests_total{'));
  return { requests: requests.map((line) => line.slice('http_requests_total'.length)), inFlight: sample(text, 'http_requests_in_flight') };
};

const ABORTED = '{method="GET",route="/slow",status_code="499"} 1';
const late = () => new Response('late');

/** Runs the leaving-client cases against a fetch-style adapter. */
export function describeLeavingClients(adapter: FetchAppUnderTest, newRegistry: () => Registry): void {
  describe(`${adapter.name}: a client that goes away`, () => {
    const slow = (answer: () => Response, signal: AbortSignal) => {
      const registry = newRegistry();
      return { registry, answered: adapter.app(registry, answer)(new Request('https://edge.example/slow', { signal })) };
    };

    it('is recorded once as 499 when it leaves before the handler answers, and leaves in-flight then', async () => {
      const controller = new AbortController();
      const { registry, answered } = slow(late, controller.signal);
      await sleep(5);
      expect(recorded(registry).inFlight).toBe(1);
      controller.abort();
      expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
      expect((await answered).status).toBe(200);
      expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
    });

    it('is recorded once as 499 when its request arrives already aborted', async () => {
      const { registry, answered } = slow(late, AbortSignal.abort());
      await answered;
      expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
    });

    it('is recorded once as 499, with no error, when the handler throws after it left', async () => {
      const controller = new AbortController();
      const { registry, answered } = slow(() => {
        throw new DOMException('The operation was aborted.', 'AbortError');
      }, controller.signal);
      await sleep(5);
      controller.abort();
      await answered.catch(() => undefined);
      expect(recorded(registry)).toEqual({ requests: [ABORTED], inFlight: 0 });
      expect(registry.metrics()).not.toContain('http_request_errors_total{');
    });

    it('is recorded once with the status the handler gave when it leaves while the body streams', async () => {
      const registry = newRegistry();
      const controller = new AbortController();
      const response = await adapter.app(registry, late)(new Request('https://edge.example/stream', { signal: controller.signal }));
      controller.abort();
      await response.body?.cancel();
      expect(recorded(registry)).toEqual({ requests: ['{method="GET",route="/stream",status_code="200"} 1'], inFlight: 0 });
    });

    it('is recorded once on a real socket when it leaves while the body streams', async () => {
      const registry = newRegistry();
      const server = await serveFetch(adapter.app(registry, late));
      try {
        await expect(fetch(`${server.url}/stream`, { signal: AbortSignal.timeout(50) }).then((r) => r.text())).rejects.toThrow();
        await sleep(300);
        expect(recorded(registry)).toEqual({ requests: ['{method="GET",route="/stream",status_code="200"} 1'], inFlight: 0 });
      } finally {
        await server.close();
      }
    });
  });
}
