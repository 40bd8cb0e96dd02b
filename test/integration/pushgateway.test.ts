// @promkit/pushgateway against a real Pushgateway: push, read back, merge, replace, delete, errors,
// and the groups URL encoding can get wrong (dot-segments, long values).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from '@promkit/core';
import { deleteFromGateway, PushgatewayError, pushToGateway } from '@promkit/pushgateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Running, startServer } from './processes';

let gateway: Running;
let url = '';
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promkit-pushgateway-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  gateway = await startServer('prometheus-pushgateway', [`--web.listen-address=127.0.0.1:${port}`, `--persistence.file=${join(dir, 'store')}`], `${url}/-/ready`);
});

afterAll(async () => {
  await gateway?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// The gateway's own exposition, keeping only the lines of our test metrics.
const pushed = async (): Promise<string[]> =>
  (await (await fetch(`${url}/metrics`)).text()).split('\n').filter((line) => /^(batch_|# TYPE batch_)/.test(line) && !line.startsWith('push_'));

const jobRegistry = (records: number): Registry => {
  const registry = new Registry();
  registry.counter({ name: 'batch_records_total', help: 'Records processed.' }).inc(records);
  return registry;
};

describe('pushToGateway against a real Pushgateway', () => {
  it('pushes with job and grouping labels, including a value with "/" and an empty value', async () => {
    await pushToGateway({ url, job: 'nightly/batch', groupings: { instance: 'db/1', shard: '' }, registry: jobRegistry(42) });
    expect(await pushed()).toEqual([
      '# TYPE batch_records_total counter',
      'batch_records_total{instance="db/1",job="nightly/batch",shard=""} 42',
    ]);
  });

  it('keeps a job and grouping values of . and .. as their own group, which URL resolution would otherwise change', async () => {
    await pushToGateway({ url, job: '..', groupings: { instance: '.' }, registry: jobRegistry(3) });
    await pushToGateway({ url, job: '.', groupings: { instance: '..' }, registry: jobRegistry(4) });
    const lines = await pushed();
    expect(lines).toContain('batch_records_total{instance=".",job=".."} 3');
    expect(lines).toContain('batch_records_total{instance="..",job="."} 4');
    await deleteFromGateway({ url, job: '..', groupings: { instance: '.' } });
    expect((await pushed()).filter((line) => line.includes('job=".."'))).toEqual([]);
  });

  it('pushes a 300 KB grouping value', async () => {
    const long = 'ü/'.repeat(100_000);
    await pushToGateway({ url, job: 'long', groupings: { instance: long }, registry: jobRegistry(5) });
    expect(await pushed()).toContain(`batch_records_total{instance="${long}",job="long"} 5`);
  });

  it('merges with POST and replaces with PUT', async () => {
    const group = { url, job: 'merge', groupings: { instance: 'a' } };
    await pushToGateway({ ...group, registry: jobRegistry(1) });
    const other = new Registry();
    other.gauge({ name: 'batch_last_success_seconds', help: 'Last success.' }).set(1700000000);
    await pushToGateway({ ...group, registry: other, method: 'POST' });
    let lines = await pushed();
    expect(lines).toContain('batch_records_total{instance="a",job="merge"} 1');
    expect(lines).toContain('batch_last_success_seconds{instance="a",job="merge"} 1.7e+09');
    await pushToGateway({ ...group, registry: other });
    lines = await pushed();
    expect(lines).not.toContain('batch_records_total{instance="a",job="merge"} 1');
    expect(lines).toContain('batch_last_success_seconds{instance="a",job="merge"} 1.7e+09');
  });

  it('deletes a group', async () => {
    await pushToGateway({ url, job: 'gone', registry: jobRegistry(7) });
    expect(await pushed()).toContain('batch_records_total{instance="",job="gone"} 7');
    await deleteFromGateway({ url, job: 'gone' });
    expect((await pushed()).filter((line) => line.includes('job="gone"'))).toEqual([]);
  });

  it('throws a PushgatewayError carrying the status and body when the gateway refuses', async () => {
    const conflicting = new Registry();
    conflicting.gauge({ name: 'batch_records_total', help: 'Now a gauge.' }).set(1);
    const error = await pushToGateway({ url, job: 'conflict', registry: conflicting }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushgatewayError);
    expect((error as PushgatewayError).status).toBe(400);
    expect((error as PushgatewayError).body).toContain('batch_records_total');
    expect((error as PushgatewayError).message).toMatch(/^pushgateway PUT http:\/\/127\.0\.0\.1:\d+\/metrics\/job\/conflict failed: 400 Bad Request: /);
  });

  it('reports an unreachable gateway as status 0', async () => {
    const port = await freePort();
    const error = (await pushToGateway({ url: `http://127.0.0.1:${port}`, job: 'x', registry: jobRegistry(1) }).catch((e: unknown) => e)) as PushgatewayError;
    expect(error).toBeInstanceOf(PushgatewayError);
    expect(error.status).toBe(0);
    expect(error.message).toBe(`pushgateway PUT http://127.0.0.1:${port}/metrics/job/x failed: fetch failed (ECONNREFUSED)`);
  });
});
