import { describe, expect, it } from 'vitest';
import { readJsonBody } from '@/lib/http/read-json-body';

const ORDERS_URL = 'http://localhost/api/v1/orders';

function jsonRequest(body: string | undefined, headers: Record<string, string> = {}): Request {
  return new Request(ORDERS_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  });
}

/** A body that never ends: `chunk` bytes at a time, with no Content-Length. */
function endlessRequest(chunk: number): { request: Request; pulls: () => number } {
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls += 1;
      controller.enqueue(new Uint8Array(chunk).fill(0x20));
    },
  });
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  };
  return { request: new Request(ORDERS_URL, init), pulls: () => pulls };
}

describe('readJsonBody', () => {
  it('parses a JSON document', async () => {
    await expect(readJsonBody(jsonRequest('{"orderId":"ord_1","items":[{"qty":2}]}'))).resolves.toEqual({
      orderId: 'ord_1',
      items: [{ qty: 2 }],
    });
  });

  it('accepts a charset parameter and JSON subtypes such as merge-patch', async () => {
    await expect(
      readJsonBody(jsonRequest('{"a":1}', { 'content-type': 'application/json; charset=utf-8' })),
    ).resolves.toEqual({ a: 1 });
    await expect(
      readJsonBody(jsonRequest('{"segment":null}', { 'content-type': 'application/merge-patch+json' })),
    ).resolves.toEqual({ segment: null });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp'])(
    'refuses Content-Type %s with 415',
    async (type) => {
      await expect(readJsonBody(jsonRequest('{"a":1}', { 'content-type': type }))).rejects.toMatchObject({
        status: 415,
      });
    },
  );

  it('refuses a declared Content-Length above the limit before reading', async () => {
    const request = jsonRequest('{}', { 'content-length': '5000' });
    await expect(readJsonBody(request, 1000)).rejects.toMatchObject({
      status: 413,
      detail: 'The request body exceeds the limit of 1000 bytes.',
    });
    expect(request.bodyUsed).toBe(false);
  });

  it('stops reading a streamed body without Content-Length once it passes the limit', async () => {
    const { request, pulls } = endlessRequest(600);
    await expect(readJsonBody(request, 4000)).rejects.toMatchObject({ status: 413 });
    expect(pulls()).toBeLessThan(20);
  });

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify({ note: 'x'.repeat(90) });
    await expect(readJsonBody(jsonRequest(body), Buffer.byteLength(body))).resolves.toEqual({
      note: 'x'.repeat(90),
    });
  });

  it.each([
    ['no body', undefined],
    ['an empty body', ''],
    ['only whitespace', '  \n '],
  ])('refuses %s with 400', async (_label, body) => {
    await expect(readJsonBody(jsonRequest(body))).rejects.toMatchObject({
      status: 400,
      detail: 'The request body is empty; send a JSON document.',
    });
  });

  it('refuses malformed JSON with a 400 that says so', async () => {
    const rejection = readJsonBody(jsonRequest('{"orderId": "ord_1",'));
    await expect(rejection).rejects.toMatchObject({ status: 400 });
    await expect(rejection).rejects.toHaveProperty('detail', expect.stringMatching(/^Malformed JSON/));
  });
});
