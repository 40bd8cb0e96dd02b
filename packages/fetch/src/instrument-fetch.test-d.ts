import { expectTypeOf, it } from 'vitest';
import { instrumentFetch } from './instrument-fetch';

interface Env {
  readonly KEY: string;
}
interface Ctx {
  waitUntil(promise: Promise<unknown>): void;
}

it('keeps the extra arguments of the handler it wraps and returns a promised Response', () => {
  const handler = instrumentFetch((_request: Request, env: Env, _ctx: Ctx) => new Response(env.KEY));
  expectTypeOf(handler).parameters.toEqualTypeOf<[Request, Env, Ctx]>();
  expectTypeOf(handler).returns.toEqualTypeOf<Promise<Response>>();
});

it('rejects a route option that does not return a string', () => {
  // @ts-expect-error route templates are strings
  instrumentFetch(() => new Response(), { route: () => 42 });
  // @ts-expect-error instrumentFetch serves no scrape, so it takes no path
  instrumentFetch(() => new Response(), { path: '/metrics' });
});
