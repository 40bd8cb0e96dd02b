import { expect, it } from 'vitest';
import { normalizeMethod, OTHER_METHOD } from './method';

it('keeps standard methods and upper-cases them', () => {
  for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']) {
    expect(normalizeMethod(method)).toBe(method);
    expect(normalizeMethod(method.toLowerCase())).toBe(method);
  }
});

it('maps every other method to one label value', () => {
  expect(OTHER_METHOD).toBe('_OTHER');
  for (const method of ['PURGE', 'PROPFIND', 'FOO', '', 'G E T']) expect(normalizeMethod(method)).toBe('_OTHER');
});
