import { Registry } from '@promkit/core';
import { expect, it } from 'vitest';
import { countErrors } from './count-errors';
import { createHttpMetrics } from './http-metrics';

const errorsOf = (registry: Registry): string[] => registry.metrics().split('\n').filter((line) => line.startsWith('http_request_errors_total{'));

it('counts a throw and passes it on unchanged', () => {
  const registry = new Registry();
  const request = createHttpMetrics({ registry }).start('GET', '/a');
  const error = new RangeError('sync');
  expect(() => countErrors(request, () => { throw error; })).toThrow(error);
  request.end(500, '/a');
  expect(errorsOf(registry)).toEqual(['http_request_errors_total{error_type="RangeError",route="/a"} 1']);
});

it('counts a rejection and passes it on unchanged', async () => {
  const registry = new Registry();
  const request = createHttpMetrics({ registry }).start('GET', '/a');
  class UploadError extends Error {}
  await expect(countErrors(request, () => Promise.reject(new UploadError('async')))).rejects.toThrow(UploadError);
  request.end(500, '/a');
  expect(errorsOf(registry)).toEqual(['http_request_errors_total{error_type="UploadError",route="/a"} 1']);
});

it('returns what the handler returns and counts nothing', async () => {
  const registry = new Registry();
  const request = createHttpMetrics({ registry }).start('GET', '/a');
  expect(countErrors(request, () => 42)).toBe(42);
  expect(await countErrors(request, () => Promise.resolve('ok'))).toBe('ok');
  request.end(200, '/a');
  expect(errorsOf(registry)).toEqual([]);
});
