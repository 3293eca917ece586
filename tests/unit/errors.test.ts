import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, invalidInput, notFound, problemResponse, toApiError } from '@/lib/http/errors';

const REQUEST_ID = 'req-7f3a';

function awsError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function zodError(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be invalid');
  return result.error;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('toApiError', () => {
  it('passes an ApiError through unchanged', () => {
    const error = notFound('No customer cus_1.');
    expect(toApiError(error, REQUEST_ID)).toBe(error);
  });

  it('names each bad field of a request part in a 400', () => {
    const error = zodError(z.object({ name: z.string(), address: z.object({ city: z.string() }) }), {
      name: 1,
      address: {},
    });
    const apiError = invalidInput(error, 'body');
    expect(apiError.status).toBe(400);
    expect(apiError.errors?.map((e) => e.path)).toEqual(['body.name', 'body.address.city']);
    expect(apiError.detail).toMatch(/^body\.name: .+ \(and 1 more\)$/);
  });

  it('treats a zod failure on stored data as our fault: a logged 500, not a 400 for the caller', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const stored = zodError(z.object({ scopes: z.array(z.enum(['events:write'])) }), {
      scopes: ['retired:scope'],
    });
    const apiError = toApiError(stored, REQUEST_ID);
    expect(apiError.status).toBe(500);
    expect(apiError.errors).toBeUndefined();
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('turns a failed DynamoDB condition into a 409', () => {
    const apiError = toApiError(
      awsError('ConditionalCheckFailedException', 'The conditional request failed'),
      REQUEST_ID,
    );
    expect(apiError.status).toBe(409);
    expect(apiError.title).toBe('Conflict');
  });

  it('turns throttling into a 429 that tells the caller when to retry', async () => {
    const apiError = toApiError(awsError('ThrottlingException', 'Rate exceeded'), REQUEST_ID);
    expect(apiError.status).toBe(429);
    const response = problemResponse(apiError, REQUEST_ID);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('hides an unknown error behind a 500 that names only the request id, and logs it', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const internal = new Error('connect ECONNREFUSED 10.0.0.7:8000 table cp_customers');
    const apiError = toApiError(internal, REQUEST_ID);
    expect(apiError.status).toBe(500);
    expect(apiError.detail).toContain(REQUEST_ID);
    expect(apiError.detail).not.toContain('ECONNREFUSED');
    expect(apiError.detail).not.toContain('cp_customers');
    expect(apiError.errors).toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining(REQUEST_ID), internal);
  });

  it('treats a thrown non-Error as unknown too', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(toApiError('secret string', REQUEST_ID).detail).not.toContain('secret');
  });
});

describe('problemResponse', () => {
  it('answers application/problem+json with the request id in header and body', async () => {
    const response = problemResponse(notFound('No customer cus_1.'), REQUEST_ID);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('x-request-id')).toBe(REQUEST_ID);
    expect(await response.json()).toEqual({
      type: 'urn:customer-pulse:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'No customer cus_1.',
      requestId: REQUEST_ID,
    });
  });

  it('includes field errors when there are some', async () => {
    const error = new ApiError(400, 'Invalid request', 'body.name: required', [
      { path: 'body.name', message: 'required' },
    ]);
    const body: unknown = await problemResponse(error, REQUEST_ID).json();
    expect(body).toMatchObject({ status: 400, errors: [{ path: 'body.name', message: 'required' }] });
  });
});

describe('invalidInput', () => {
  it('says "unknown field" for a key a strict object does not allow', () => {
    const error = invalidInput(
      zodError(z.strictObject({ name: z.string() }), { name: 'Anna', nmae: 'x' }),
      'body',
    );
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([{ path: 'body', message: 'unknown field: nmae' }]);
    expect(error.detail).toBe('body: unknown field: nmae');
  });

  it('names the part of the request that was wrong', () => {
    const error = invalidInput(zodError(z.object({ limit: z.number() }), { limit: 'ten' }), 'query');
    expect(error.errors?.[0]?.path).toBe('query.limit');
  });
});
