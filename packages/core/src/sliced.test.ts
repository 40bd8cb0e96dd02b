import { expect, it } from 'vitest';
import { Registry } from './registry';

it('lets timers run while it renders the scrape of a large registry, and renders all of it', async () => {
  const registry = new Registry({ maxSeries: 20_000 });
  for (let f = 0; f < 20; f++) {
    const counter = registry.counter({ name: `family_${f}_total`, help: 'h', labelNames: ['id'] });
    for (let i = 0; i < 2000; i++) counter.inc({ id: String(i) });
  }
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const { body } = await registry.scrape();
  clearInterval(timer);
  // The synchronous rendering of the same state, chunk boundaries included, is the same text.
  expect(body).toBe(registry.metrics());
  expect(body.split('\n').filter((line) => line.startsWith('family_')).length).toBe(40_000);
  expect(ticks).toBeGreaterThan(0);
});
