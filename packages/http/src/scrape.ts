import type { Registry } from '@promkit/core';
import { pathOf } from './path';

/**
 * A scrape as an HTTP response: status, exact content type, body.
 *
 * @example
 * const { status, contentType, body }: ScrapeResponse = await scrapeResponse(registry, accept);
 */
export interface ScrapeResponse {
  readonly status: number;
  readonly contentType: string;
  /** Text, or bytes for a binary format added with `registry.addFormat` (protobuf). */
  readonly body: string | Uint8Array<ArrayBuffer>;
}

/**
 * Renders a scrape for an `Accept` header as an HTTP response. Honours OpenMetrics negotiation
 * with the exact content type of the format sent; a failing scrape gives a 500 with the error
 * message instead of throwing into the server. Asynchronous, so that `collect` callbacks that
 * return promises are awaited.
 *
 * @example
 * const { status, contentType, body } = await scrapeResponse(registry, req.headers.accept);
 * res.writeHead(status, { 'content-type': contentType }).end(body);
 */
export async function scrapeResponse(registry: Registry, accept: string | null | undefined): Promise<ScrapeResponse> {
  try {
    const { contentType, body } = await registry.scrape(accept ?? undefined);
    return { status: 200, contentType, body };
  } catch (error) {
    return { status: 500, contentType: 'text/plain; charset=utf-8', body: `scrape failed: ${error instanceof Error ? error.message : String(error)}\n` };
  }
}

/**
 * Whether a request asks for the scrape served at `path`: a GET or HEAD of exactly that path
 * (origin- or absolute-form target, query string allowed). `path: false` means the adapter
 * serves no scrape.
 *
 * @example
 * isScrapeRequest('GET', '/metrics?x=1', '/metrics'); // true
 */
export function isScrapeRequest(method: string | undefined, target: string, path: string | false): boolean {
  if (path === false || (method !== 'GET' && method !== 'HEAD')) return false;
  // Origin-form without allocating: the per-request check of every middleware.
  if (target.charCodeAt(0) === 47 /* '/' */) {
    return target.startsWith(path) && (target.length === path.length || target[path.length] === '?' || target[path.length] === '#');
  }
  return pathOf(target) === path;
}
