// The body-size checks of the shared adapter suite, for adapters that opt in with `sizes: true`.
import { expect, it } from 'vitest';
import { sample, scrapeUntil } from './samples';

/**
 * Registers the size checks: the suite's 20 `GET /users/:id` answered `ok` (2 bytes each)
 * are in `text()`; a `POST` with a 5-byte body is sent and must be recorded with its size.
 */
export function sizeChecks(text: () => string, get: (path: string, init?: RequestInit) => Promise<Response>, scrape: () => Promise<string>): void {
  it('records body sizes from Content-Length', async () => {
    const ok = 'method="GET",route="/users/:id",status_code="200"';
    expect(sample(text(), 'http_response_size_bytes_count', ok)).toBe(20);
    expect(sample(text(), 'http_response_size_bytes_sum', ok)).toBe(40);
    await (await get('/users/1', { method: 'POST', body: 'hello' })).text();
    const posted = 'method="POST",route="<unmatched>",status_code="404"';
    const after = await scrapeUntil(scrape, (t) => sample(t, 'http_request_size_bytes_count', posted) === 1, 'the POST to be recorded with its size');
    expect(sample(after, 'http_request_size_bytes_sum', posted)).toBe(5);
  });
}
