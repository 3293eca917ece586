import { ConverseCommand, type BedrockRuntimeClient, type Message } from '@aws-sdk/client-bedrock-runtime';
import { getBedrockRuntimeClient } from '../aws/clients';
import type { TokenUsage } from './token-usage';

/**
 * One Converse request with a deadline, and the same request retried while Bedrock throttles. The SDK's own retries
 * are off (maxAttempts 1 in lib/aws/clients.ts) so that this file decides how long a customer's analysis may wait,
 * and every request sent is counted.
 */

export interface Turn {
  role: 'user' | 'assistant';
  text: string;
}

export interface ConverseRequest {
  /** The process's Bedrock client unless given (tests pass their own). */
  client?: BedrockRuntimeClient;
  modelId: string;
  system: string;
  turns: Turn[];
  timeoutMs: number;
  maxTokens: number;
}

export interface ConverseAnswer {
  text: string;
  usage: TokenUsage;
  stopReason: string | undefined;
}

/**
 * Why no answer came: `throttled` (429, 503: worth a retry after a pause), `timeout` (our deadline aborted it),
 * `server` (other 5xx or no response at all), `refused` (4xx: access, validation, unknown model, no credentials).
 */
export type FailureKind = 'throttled' | 'timeout' | 'server' | 'refused';

export class ConverseFailure extends Error {
  override name = 'ConverseFailure';
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'ServiceUnavailableException',
  'TooManyRequestsException',
]);
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'ExpiredTokenException']);

export function classifyFailure(error: unknown, timedOut: boolean, timeoutMs: number): ConverseFailure {
  if (timedOut) return new ConverseFailure('timeout', `timed out after ${timeoutMs} ms`);
  const e = (error ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const what = `${status ? `HTTP ${status} ` : ''}${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
  if (THROTTLING.has(e.name ?? '') || status === 429 || status === 503)
    return new ConverseFailure('throttled', what);
  if (NO_CREDENTIALS.has(e.name ?? '') || (status !== undefined && status >= 400 && status < 500)) {
    return new ConverseFailure('refused', what);
  }
  return new ConverseFailure('server', what);
}

/** One request; aborted when `timeoutMs` passes. Throws a ConverseFailure. */
async function converseOnce(request: ConverseRequest): Promise<ConverseAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  try {
    const messages: Message[] = request.turns.map((t) => ({ role: t.role, content: [{ text: t.text }] }));
    const response = await (request.client ?? getBedrockRuntimeClient()).send(
      new ConverseCommand({
        modelId: request.modelId,
        system: [{ text: request.system }],
        messages,
        // Low temperature: the task is explaining given numbers, where variety only adds ways to be wrong. (Claude
        // 4.5 models refuse temperature and topP together, so only one is set.)
        inferenceConfig: { maxTokens: request.maxTokens, temperature: 0.2 },
      }),
      { abortSignal: controller.signal },
    );
    const text = (response.output?.message?.content ?? [])
      .map((block) => ('text' in block && typeof block.text === 'string' ? block.text : ''))
      .join('');
    const u = response.usage;
    return {
      text,
      usage: {
        inputTokens: u?.inputTokens ?? 0,
        outputTokens: u?.outputTokens ?? 0,
        cacheReadTokens: u?.cacheReadInputTokens ?? 0,
        cacheWriteTokens: u?.cacheWriteInputTokens ?? 0,
      },
      stopReason: response.stopReason,
    };
  } catch (error) {
    throw classifyFailure(error, timedOut, request.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

export interface ThrottleRetry {
  /** Requests in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0 ≤ r < 1; injected so tests are deterministic. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * "Equal jitter": half the exponential step for sure, the other half at random, so callers throttled together do
 * not come back together, and none comes back at once.
 */
export function backoffMs(retry: ThrottleRetry, retryIndex: number): number {
  const step = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** retryIndex);
  return step / 2 + retry.random() * (step / 2);
}

/** The request, retried after a jittered pause while throttled; `onSend` counts every request that goes out. */
export async function converseWithRetry(
  request: ConverseRequest,
  retry: ThrottleRetry,
  onSend: () => void,
): Promise<ConverseAnswer> {
  for (let attempt = 1; ; attempt += 1) {
    onSend();
    try {
      return await converseOnce(request);
    } catch (error) {
      const failure = error as ConverseFailure;
      if (failure.kind !== 'throttled' || attempt >= retry.attempts) {
        if (failure.kind === 'throttled') {
          throw new ConverseFailure('throttled', `throttled on ${attempt} attempts (${failure.message})`);
        }
        throw failure;
      }
      await retry.sleep(backoffMs(retry, attempt - 1));
    }
  }
}
