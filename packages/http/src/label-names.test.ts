import { Registry } from '@promkit/core';
import { expect, it } from 'vitest';
import { createHttpMetrics } from './http-metrics';

// The samples of one family, without HELP/TYPE.
const samples = (registry: Registry, family: string): string[] =>
  registry.metrics().split('\n').filter((line) => line.startsWith(family) && !line.startsWith(`${family}_bucket`));

it('names the labels as asked, for dashboards written for other libraries', () => {
  const registry = new Registry();
  const http = createHttpMetrics({ registry, labelNames: { status: 'code', route: 'path' }, labels: { app: 'shop' }, buckets: [1] });
  const request = http.start('GET', '/cart');
  request.error(new Error('x'));
  request.end(500, '/cart');
  expect(samples(registry, 'http_requests_total')).toEqual(['http_requests_total{method="GET",path="/cart",code="500",app="shop"} 1']);
  expect(samples(registry, 'http_request_errors_total')).toEqual(['http_request_errors_total{error_type="Error",path="/cart",app="shop"} 1']);
  expect(registry.metrics()).toContain('http_request_duration_seconds_count{method="GET",path="/cart",code="500",app="shop"} 1\n');
});

it('rejects a label name the exposition format cannot carry, naming it', () => {
  // The registry's own check, whose message names the metric, the label and the rule.
  const create = () => createHttpMetrics({ registry: new Registry(), labelNames: { status: 'status-code' } });
  expect(create).toThrow(TypeError);
  expect(create).toThrow(/http_requests_total.*"status-code"/);
});
