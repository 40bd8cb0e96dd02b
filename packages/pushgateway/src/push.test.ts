import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, TEXT_CONTENT_TYPE } from '@promkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteFromGateway, PushgatewayError, pushToGateway } from './index';

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** A local HTTP server standing in for a Pushgateway: records each request, answers with `answer` (or never). */
async function gateway(answer?: (response: ServerResponse) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const { method, url, headers } = request;
    received.push({ method, url, contentType: headers['content-type'], authorization: headers.authorization, body });
    answer?.(response);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const ok = (response: ServerResponse) => response.writeHead(200).end();
const failure = (options: Parameters<typeof pushToGateway>[0]) => pushToGateway(options).then(() => undefined, (error: unknown) => error as PushgatewayError);

const jobRegistry = (): Registry => {
  const registry = new Registry();
  registry.counter({ name: 'batch_records_total', help: 'Records processed.' }).inc(42);
  return registry;
};

describe('pushToGateway and deleteFromGateway', () => {
  it('PUT the registry’s text exposition with its content type to the group, POST it with method POST, DELETE with no body', async () => {
    const { url, received } = await gateway(ok);
    const group = { url: `${url}/`, job: 'nightly', groupings: { instance: 'db/1' }, headers: { authorization: 'Bearer t' } };
    await pushToGateway({ ...group, registry: jobRegistry() });
    await pushToGateway({ ...group, registry: jobRegistry(), method: 'POST' });
    await deleteFromGateway(group);
    const body = '# HELP batch_records_total Records processed.\n# TYPE batch_records_total counter\nbatch_records_total 42\n';
    const path = '/metrics/job/nightly/instance@base64/ZGIvMQ==';
    expect(received).toEqual([
      { method: 'PUT', url: path, contentType: TEXT_CONTENT_TYPE, authorization: 'Bearer t', body },
      { method: 'POST', url: path, contentType: TEXT_CONTENT_TYPE, authorization: 'Bearer t', body },
      { method: 'DELETE', url: path, contentType: undefined, authorization: 'Bearer t', body: '' },
    ]);
  });

  it('gives up after timeoutMs when the gateway does not answer, and says so', async () => {
    const { url } = await gateway();
    const error = await failure({ url, job: 'j', registry: jobRegistry(), timeoutMs: 50 });
    expect(error).toBeInstanceOf(PushgatewayError);
    expect(error?.message).toBe(`pushgateway PUT ${url}/metrics/job/j failed: no answer within 50 ms (timeoutMs)`);
    expect(error?.status).toBe(0);
    expect((error?.cause as Error).name).toBe('TimeoutError');
  });

  it('waits for ever with timeoutMs Infinity, and rejects a timeoutMs that is not a positive number', async () => {
    const { url } = await gateway(ok);
    await expect(pushToGateway({ url, job: 'j', registry: jobRegistry(), timeoutMs: Number.POSITIVE_INFINITY })).resolves.toBeUndefined();
    for (const timeoutMs of [0, -1, Number.NaN]) {
      await expect(pushToGateway({ url, job: 'j', timeoutMs })).rejects.toThrow(
        new RangeError(`pushgateway: timeoutMs must be a positive number of milliseconds or Infinity, got ${timeoutMs}`),
      );
    }
  });

  describe.each([
    ['with AbortSignal.any', false],
    ['on a runtime without AbortSignal.any', true],
  ])('%s', (_, withoutAny) => {
    const any = AbortSignal.any;
    afterEach(() => {
      AbortSignal.any = any;
    });
    const runtime = () => {
      if (withoutAny) Reflect.deleteProperty(AbortSignal, 'any');
    };

    it('ends the request when the caller’s signal aborts, reporting the caller’s reason', async () => {
      const { url } = await gateway();
      runtime();
      const controller = new AbortController();
      const pending = failure({ url, job: 'j', registry: jobRegistry(), signal: controller.signal, timeoutMs: 60_000 });
      controller.abort(new Error('job cancelled'));
      const error = await pending;
      expect(error?.message).toBe(`pushgateway PUT ${url}/metrics/job/j failed: job cancelled`);
    });

    it('still times out when the caller passes a signal', async () => {
      const { url } = await gateway();
      runtime();
      const error = await failure({ url, job: 'j', registry: jobRegistry(), signal: new AbortController().signal, timeoutMs: 50 });
      expect(error?.message).toBe(`pushgateway PUT ${url}/metrics/job/j failed: no answer within 50 ms (timeoutMs)`);
    });
  });

  it('says why an unreachable gateway could not be reached: the code of the fetch error’s cause', async () => {
    const { url } = await gateway(ok);
    server?.close();
    const error = await failure({ url, job: 'j', registry: jobRegistry() });
    expect(error?.message).toBe(`pushgateway PUT ${url}/metrics/job/j failed: fetch failed (ECONNREFUSED)`);
    expect(error?.status).toBe(0);
  });

  it('quotes at most 500 characters of a huge refusal in the message and keeps all of it in error.body', async () => {
    const page = `<html>${'x'.repeat(100_000)}</html>`;
    const { url } = await gateway((response) => response.writeHead(502, { 'content-type': 'text/html' }).end(page));
    const error = await failure({ url, job: 'j', registry: jobRegistry() });
    expect(error?.message).toBe(`pushgateway PUT ${url}/metrics/job/j failed: 502 Bad Gateway: ${page.slice(0, 500)}… (99513 more characters in error.body)`);
    expect(error?.status).toBe(502);
    expect(error?.body).toBe(page);
  });

  it('quotes a short refusal whole, and never cuts a surrogate pair in half', async () => {
    const reason = `${'x'.repeat(499)}😀 and more`;
    const { url } = await gateway((response) => response.writeHead(400).end(reason));
    const error = await failure({ url, job: 'j', registry: jobRegistry() });
    expect(error?.message).toBe(`pushgateway PUT ${url}/metrics/job/j failed: 400 Bad Request: ${'x'.repeat(499)}… (11 more characters in error.body)`);
  });
});
