import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  busy,
  conflict,
  DomainError,
  forbidden,
  invalid,
  notFound as domainNotFound,
  unavailable,
  unprocessable,
  type DomainErrorKind,
} from '@/lib/errors/domain-error';
import { invalidInput } from '@/lib/errors/invalid-input';
import { ApiError, problemResponse, toApiError } from '@/lib/http/errors';

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
    const error = new ApiError(404, 'Not found', 'No customer cus_1.');
    expect(toApiError(error, REQUEST_ID)).toBe(error);
  });

  it('names each bad field of a request part in a 400', () => {
    const error = zodError(z.object({ name: z.string(), address: z.object({ city: z.string() }) }), {
      name: 1,
      address: {},
    });
    const apiError = toApiError(invalidInput(error, 'body'), REQUEST_ID);
    expect(apiError.status).toBe(400);
    expect(apiError.title).toBe('Invalid request');
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
    const response = problemResponse(new ApiError(404, 'Not found', 'No customer cus_1.'), REQUEST_ID);
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
    expect(error.kind).toBe('invalid');
    expect(error.options.errors).toEqual([{ path: 'body', message: 'unknown field: nmae' }]);
    expect(error.message).toBe('body: unknown field: nmae');
  });

  it('names the part of the request that was wrong', () => {
    const error = invalidInput(zodError(z.object({ limit: z.number() }), { limit: 'ten' }), 'query');
    expect(error.options.errors?.[0]?.path).toBe('query.limit');
  });
});

/** The body and headers the caller receives for `error`. */
async function answer(error: DomainError) {
  const response = problemResponse(toApiError(error, REQUEST_ID), REQUEST_ID);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.headers.get('x-request-id')).toBe(REQUEST_ID);
  return { response, body: (await response.json()) as Record<string, unknown> };
}

describe('DomainError → problem', () => {
  const cases: [DomainErrorKind, DomainError, number, string][] = [
    ['invalid', invalid('body.limit: too big'), 400, 'Invalid request'],
    ['forbidden', forbidden('Only the owner may do this.'), 403, 'Forbidden'],
    ['not_found', domainNotFound('No alert a1.'), 404, 'Not found'],
    ['conflict', conflict('Changed meanwhile.'), 409, 'Conflict'],
    ['too_large', new DomainError('too_large', 'The file exceeds 5 MiB.'), 413, 'Payload too large'],
    ['unprocessable', unprocessable('The ramp is at 0 % already.'), 422, 'Unprocessable request'],
    ['busy', busy('Retry this batch shortly.', 1), 429, 'Too many requests'],
    ['unavailable', unavailable('The model is down.'), 503, 'Service unavailable'],
  ];

  it.each(cases)(
    'answers %s with its status and title, the message as detail',
    async (kind, error, status, title) => {
      expect(error.kind).toBe(kind);
      const { response, body } = await answer(error);
      expect(response.status).toBe(status);
      expect(body).toEqual({
        type: `urn:customer-pulse:problem:${title.toLowerCase().replace(/ /g, '-')}`,
        title,
        status,
        detail: error.message,
        requestId: REQUEST_ID,
      });
    },
  );

  it('lists the field problems of an invalid request', async () => {
    const errors = [{ path: 'body.variant', message: 'must be one of the variants (a, b)' }];
    const { body } = await answer(invalid('body.variant: must be one of the variants (a, b)', errors));
    expect(body).toMatchObject({ status: 400, title: 'Invalid request', errors });
  });

  it('carries field problems on other kinds too (a 404 naming the unknown ids)', async () => {
    const errors = [{ path: 'body.observations.0.customerId', message: 'is not assigned' }];
    const { body } = await answer(new DomainError('not_found', 'cus_1 is not in x.', { errors }));
    expect(body).toMatchObject({ status: 404, title: 'Not found', errors });
  });

  it('keeps a title the API has always given instead of the kind one', async () => {
    const { body } = await answer(
      new DomainError('invalid', 'Send at least one field to change.', { title: 'Bad request' }),
    );
    expect(body).toMatchObject({
      type: 'urn:customer-pulse:problem:bad-request',
      title: 'Bad request',
      status: 400,
    });
    expect(body).not.toHaveProperty('errors');
  });

  it('adds the extensions of a conflict to the body', async () => {
    const { body } = await answer(conflict('Changed meanwhile.', { revision: '7' }));
    expect(body).toMatchObject({ status: 409, revision: '7', requestId: REQUEST_ID });
  });

  it('tells a busy caller when to retry', async () => {
    const { response } = await answer(busy('Retry this batch shortly.', 1));
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('sends Retry-After with unavailable only when the service gave one', async () => {
    expect((await answer(unavailable('Down.', 30))).response.headers.get('retry-after')).toBe('30');
    expect((await answer(unavailable('Down.'))).response.headers.get('retry-after')).toBeNull();
    expect((await answer(conflict('Changed.'))).response.headers.get('retry-after')).toBeNull();
  });

  it('does not log an expected refusal as a failure', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    toApiError(unprocessable('No.'), REQUEST_ID);
    expect(log).not.toHaveBeenCalled();
  });
});
