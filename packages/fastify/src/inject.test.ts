import { Registry } from '@promkit/core';
import { valueOf } from '@promkit/parse';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { prometheus } from './prometheus';

// Fastify apps are tested with app.inject() (light-my-request), whose response never reports
// `writableFinished` because it has no real socket: the request must still count as answered.
it('records requests made with app.inject() with the status they got', async () => {
  const registry = new Registry();
  const app = Fastify();
  await app.register(prometheus, { registry });
  app.get('/users/:id', async () => 'ok');
  expect((await app.inject('/users/1')).statusCode).toBe(200);
  expect((await app.inject('/nope')).statusCode).toBe(404);
  const text = registry.metrics();
  expect(valueOf(text, 'http_requests_total', { method: 'GET', route: '/users/:id', status_code: '200' })).toBe(1);
  expect(valueOf(text, 'http_requests_total', { method: 'GET', route: '<unmatched>', status_code: '404' })).toBe(1);
  expect(valueOf(text, 'http_requests_in_flight')).toBe(0);
  await app.close();
});
