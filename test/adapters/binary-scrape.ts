// The binary-scrape checks of the shared adapter suite: a format added with
// `registry.addFormat` (as @promkit/protobuf adds its own) reaches the scraper byte for byte,
// with its exact content type and Content-Length, on GET and HEAD; text scrapes keep theirs.
import type { ExpositionEncoder } from '@promkit/core';
import { expect, it } from 'vitest';

const TEST_TYPE = 'application/x-promkit-test';

/**
 * 70,000 bytes cycling through every byte value (0x00, CR, LF, >0x7f included): longer than one
 * socket write, and not valid UTF-8, so a body decoded or re-encoded as text anywhere breaks.
 */
export const TEST_BYTES = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);

/** A binary exposition format for tests: always {@link TEST_BYTES}, as a view into a larger buffer. */
export const TEST_FORMAT: ExpositionEncoder = {
  mediaType: TEST_TYPE,
  params: {},
  contentType: `${TEST_TYPE}; variant=1`,
  // A view at an offset, as an encoder writing into a pooled buffer returns: only the view is the body.
  encode: () => {
    const pool = new Uint8Array(TEST_BYTES.length + 16).fill(0x21);
    pool.set(TEST_BYTES, 8);
    return pool.subarray(8, 8 + TEST_BYTES.length);
  },
};

/** What Prometheus sends with native histograms on, with the test format in protobuf's place. */
const BINARY_FIRST_ACCEPT = `${TEST_TYPE},application/openmetrics-text;version=1.0.0;q=0.8,text/plain;version=0.0.4;q=0.5,*/*;q=0.1`;

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

/** Registers the binary-scrape checks against an app whose registry has {@link TEST_FORMAT} added and serves the scrape at `/metrics`. */
export function binaryScrapeChecks(get: (path: string, init?: RequestInit) => Promise<Response>): void {
  it('serves a binary format byte for byte with its exact content type and length', async () => {
    const response = await get('/metrics', { headers: { accept: BINARY_FIRST_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(TEST_FORMAT.contentType);
    expect(response.headers.get('content-length')).toBe(String(TEST_BYTES.length));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await bytesOf(response)).toEqual(TEST_BYTES);
  });

  it('answers a HEAD for a binary format with its headers and no body', async () => {
    const response = await get('/metrics', { method: 'HEAD', headers: { accept: TEST_TYPE } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(TEST_FORMAT.contentType);
    expect(response.headers.get('content-length')).toBe(String(TEST_BYTES.length));
    expect((await bytesOf(response)).length).toBe(0);
  });

  it('serves text scrapes with the Content-Length of their UTF-8 bytes, and a HEAD without a body', async () => {
    for (const accept of ['text/plain;version=0.0.4', 'application/openmetrics-text;version=1.0.0']) {
      const response = await get('/metrics', { headers: { accept } });
      const body = await bytesOf(response);
      expect(response.headers.get('content-type')).toMatch(accept.startsWith('text') ? /^text\/plain; version=0\.0\.4/ : /^application\/openmetrics-text/);
      expect([response.headers.get('content-length'), new TextDecoder().decode(body)]).toEqual([String(body.length), expect.stringContaining('# TYPE http_requests')]);
    }
    const head = await get('/metrics', { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type'), (await bytesOf(head)).length]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8', 0]);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(100);
  });
}
