import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { expectTypeOf, it } from 'vitest';
import { prometheus } from './prometheus';

it("is typed as Hono's own MiddlewareHandler and fits an app with typed bindings", () => {
  expectTypeOf(prometheus()).toEqualTypeOf<MiddlewareHandler>();
  const app = new Hono<{ Bindings: { readonly DB_URL: string } }>();
  app.use(prometheus({ path: '/internal/metrics' }));
});

it('rejects options that are not adapter options', () => {
  // @ts-expect-error onError takes (errorType, path, error), not (error)
  prometheus({ onError: (error: Error) => error.message.length });
});
