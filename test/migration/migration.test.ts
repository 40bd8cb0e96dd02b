// MIGRATING.md's promise, checked: a prom-client app written the way prom-client's README
// teaches (collectDefaultMetrics, Counter, Histogram with startTimer, awaited
// register.metrics()), ported line by line to promkit, exposes the same metric families with
// the same types, so existing queries and dashboards carry over.
import { Registry } from '@promkit/core';
import { createRuntimeMetrics } from '@promkit/node-runtime';
import { parse } from '@promkit/parse';
import client from 'prom-client';
import { afterAll, expect, it } from 'vitest';

async function promClientApp(): Promise<string> {
  const register = new client.Registry();
  client.collectDefaultMetrics({ register });
  const orders = new client.Counter({ name: 'orders_total', help: 'Orders placed.', labelNames: ['status'], registers: [register] });
  const latency = new client.Histogram({ name: 'checkout_duration_seconds', help: 'Checkout time.', labelNames: ['step'], registers: [register] });
  const end = latency.startTimer({ step: 'payment' });
  orders.inc({ status: 'paid' });
  end();
  return register.metrics();
}

const stops: Array<() => void> = [];
afterAll(() => stops.forEach((stop) => stop()));

async function promkitApp(): Promise<string> {
  const registry = new Registry();
  stops.push(createRuntimeMetrics({ registry }));
  const orders = registry.counter({ name: 'orders_total', help: 'Orders placed.', labelNames: ['status'] });
  const latency = registry.histogram({ name: 'checkout_duration_seconds', help: 'Checkout time.', labelNames: ['step'] });
  const end = latency.startTimer({ step: 'payment' });
  orders.inc({ status: 'paid' });
  end();
  return (await registry.scrape()).body;
}

const families = (text: string) =>
  Object.fromEntries(parse(text, { format: 'text' }).map((family) => [family.name, family.type]));

it('gives the ported app the same metric families with the same types as the prom-client app', async () => {
  const [theirs, ours] = await Promise.all([promClientApp(), promkitApp()]);
  expect(Object.keys(families(theirs)).length).toBeGreaterThan(20);
  expect(families(ours)).toEqual(families(theirs));
});

it('keeps the label names of the ported metrics', async () => {
  const ours = parse(await promkitApp(), { format: 'text' });
  const orders = ours.find((family) => family.name === 'orders_total');
  expect(orders?.samples).toEqual([{ name: 'orders_total', labels: { status: 'paid' }, value: 1 }]);
  const buckets = ours.find((family) => family.name === 'checkout_duration_seconds')?.samples.filter((s) => s.name.endsWith('_bucket'));
  expect(buckets?.every((sample) => sample.labels.step === 'payment')).toBe(true);
});
