import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../../test/adapters/suite';
import { createExpressApp } from './src/express';
import { createFastifyApp } from './src/fastify';

for (const [platform, create] of [
  ['Express', createExpressApp],
  ['Fastify', createFastifyApp],
] as const) {
  describe(`the NestJS example on ${platform}`, () => {
    let app: INestApplication;
    let url: string;
    let text: string;

    beforeAll(async () => {
      app = await create();
      await app.listen(0, '127.0.0.1');
      url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      expect((await fetch(`${url}/orders/express`, { method: 'POST' })).status).toBe(201);
      expect((await fetch(`${url}/orders/1`)).status).toBe(200);
      expect((await fetch(`${url}/orders/2`)).status).toBe(404);
      expect((await fetch(`${url}/nope/${Math.random()}`)).status).toBe(404);
      const response = await fetch(`${url}/metrics`);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      text = await response.text();
    });

    afterAll(() => app?.close());

    it('records Nest routes by their template, and requests no route matched as <unmatched>', () => {
      expect(sample(text, 'http_requests_total', 'method="POST",route="/orders/:kind",status_code="201"')).toBe(1);
      expect(sample(text, 'http_requests_total', 'method="GET",route="/orders/:id",status_code="200"')).toBe(1);
      expect(sample(text, 'http_requests_total', 'method="GET",route="/orders/:id",status_code="404"')).toBe(1);
      expect(sample(text, 'http_requests_total', 'method="GET",route="<unmatched>",status_code="404"')).toBe(1);
      expect(text).not.toContain('/nope/');
    });

    it('serves the custom metric a provider registered in the injected registry', () => {
      expect(sample(text, 'orders_placed_total', 'kind="express"')).toBe(1);
      expect(text).toContain('# HELP orders_placed_total Orders placed.\n# TYPE orders_placed_total counter\n');
    });
  });
}
