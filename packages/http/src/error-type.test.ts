import { expect, it } from 'vitest';
import { errorType } from './error-type';

class ValidationError extends Error {}
class NamedError extends Error {
  override name = 'NotFound';
}

it('names errors by their class or their explicit name', () => {
  expect(errorType(new Error('x'))).toBe('Error');
  expect(errorType(new TypeError('x'))).toBe('TypeError');
  expect(errorType(new ValidationError('x'))).toBe('ValidationError');
  expect(errorType(new NamedError('x'))).toBe('NotFound');
});

it('names thrown non-errors by their type', () => {
  expect(errorType('oops')).toBe('string');
  expect(errorType(42)).toBe('number');
  expect(errorType(undefined)).toBe('undefined');
  expect(errorType(null)).toBe('object');
  expect(errorType({ message: 'plain object' })).toBe('Error');
  expect(errorType(Object.create(null))).toBe('Error');
});
