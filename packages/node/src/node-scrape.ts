import type { Registry } from '@promkit/core';
import { scrapeResponse } from '@promkit/http';

/**
 * A scrape as a Node HTTP response: the body a string (the text formats) or a `Buffer` (a
 * binary format added with `registry.addFormat`, such as protobuf).
 *
 * @example
 * const { status, contentType, body }: NodeScrapeResponse = await nodeScrapeResponse(registry, req.headers.accept);
 */
export interface NodeScrapeResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string | Buffer;
}

/**
 * `scrapeResponse` for Node servers: node:http, Express, Koa and Fastify send a string or a
 * `Buffer` as it is and know its length, while Koa serialises any other `Uint8Array` as JSON.
 * The Buffer shares the encoder's bytes; nothing is copied.
 *
 * @example
 * const { status, contentType, body } = await nodeScrapeResponse(registry, req.headers.accept);
 * res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) }).end(body);
 */
export async function nodeScrapeResponse(registry: Registry, accept: string | null | undefined): Promise<NodeScrapeResponse> {
  const { status, contentType, body } = await scrapeResponse(registry, accept);
  return { status, contentType, body: typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
}
