import { describe, expect, it } from 'vitest';
import { backoffMs, classifyFailure, type ThrottleRetry } from '@/lib/ai/converse-call';

const sdkError = (name: string, status?: number) =>
  Object.assign(new Error(`${name} happened`), {
    name,
    ...(status ? { $metadata: { httpStatusCode: status } } : {}),
  });

describe('classifyFailure', () => {
  it('tells throttling (worth a retry) from timeouts, server errors and refusals', () => {
    expect(classifyFailure(sdkError('ThrottlingException', 429), false, 1000).kind).toBe('throttled');
    expect(classifyFailure(sdkError('ServiceUnavailableException', 503), false, 1000).kind).toBe('throttled');
    expect(classifyFailure(sdkError('SomethingNew', 429), false, 1000).kind).toBe('throttled');
    expect(classifyFailure(sdkError('AbortError'), true, 1500)).toMatchObject({
      kind: 'timeout',
      message: 'timed out after 1500 ms',
    });
    expect(classifyFailure(sdkError('InternalServerException', 500), false, 1000).kind).toBe('server');
    expect(classifyFailure(sdkError('ECONNREFUSED'), false, 1000).kind).toBe('server');
    expect(classifyFailure(sdkError('AccessDeniedException', 403), false, 1000)).toMatchObject({
      kind: 'refused',
      message: 'HTTP 403 AccessDeniedException: AccessDeniedException happened',
    });
    expect(classifyFailure(sdkError('CredentialsProviderError'), false, 1000).kind).toBe('refused');
  });
});

describe('backoffMs', () => {
  const retry = (random: number): ThrottleRetry => ({
    attempts: 5,
    baseDelayMs: 100,
    maxDelayMs: 500,
    random: () => random,
    sleep: async () => {},
  });

  it('doubles the step per retry up to the cap, waiting between half and all of it', () => {
    expect([0, 1, 2, 3, 4].map((i) => backoffMs(retry(0), i))).toEqual([50, 100, 200, 250, 250]);
    expect([0, 1, 2, 3, 4].map((i) => backoffMs(retry(0.999999), i)).map(Math.round)).toEqual([
      100, 200, 400, 500, 500,
    ]);
  });
});
