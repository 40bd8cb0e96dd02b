import { expect, it } from 'vitest';
import { targetOf } from './url-target';

it('finds the request target of absolute URLs', () => {
  expect(targetOf('https://example.com/a/b?c=d')).toBe('/a/b?c=d');
  expect(targetOf('https://example.com')).toBe('/');
  expect(targetOf('http://[::1]:8080/x')).toBe('/x');
});
