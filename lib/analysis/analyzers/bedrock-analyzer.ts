import { getConfig } from '../../config';
import { NO_USAGE } from '../../ai/token-usage';
import {
  type Analyzer,
  type AnalyzerInput,
  type AnalyzerResult,
  type Narrative,
  type TokenUsage,
} from './analyzer';
import { CircuitBreaker } from '../../ai/circuit-breaker';
import {
  converseWithRetry,
  type ConverseFailure,
  type ThrottleRetry,
  type Turn,
} from '../../ai/converse-call';
import { judgeAnswer } from './parse-answer';
import { costUsd, priceTable, resolveModelId, roundUsd, type PriceTable } from '../../ai/prices';
import type { InsightPrompt } from './prompts/insight-v1';
import { insightV2 } from './prompts/insight-v2';
import { statisticalAnalyzer } from './statistical-analyzer';

/**
 * Claude writes the insight's words through the Bedrock Runtime Converse API. It is handed only `AnalyzerInput`
 * (pseudonymized features and the models' numbers), and its answer is used only when it is JSON of the narrative
 * schema, writes no number the models did not produce, and proposes no contact the customer has not allowed.
 *
 * - A rejected answer is asked for once more, with what was wrong; a second rejection → the statistical text.
 * - Throttling is retried with jittered backoff; each request has a deadline; a circuit breaker per model fails
 *   fast while a model keeps failing. When the model is unavailable (throttled past its retries, timed out, a server
 *   or access error, circuit open) the fallback model is tried once by the same rules, then the statistical text.
 * - Tokens, cost and requests of every attempt are counted, also when the statistical text stands in.
 */

export interface BedrockAnalyzerOptions {
  /** `haiku`, `sonnet` or a model / inference-profile id; default BEDROCK_MODEL. */
  model?: string;
  /** Tried when `model` is unavailable; default BEDROCK_FALLBACK_MODEL; `null` for none. */
  fallbackModel?: string | null;
  /** Deadline of one request; default BEDROCK_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Default: the built-in table with BEDROCK_PRICES merged over it. */
  prices?: PriceTable;
  prompt?: InsightPrompt;
  maxTokens?: number;
  throttle?: Partial<Pick<ThrottleRetry, 'attempts' | 'baseDelayMs' | 'maxDelayMs'>>;
  breaker?: { failureThreshold?: number; cooldownMs?: number };
  /** Jitter source, 0 ≤ r < 1 (default Math.random). */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Clock of the circuit breakers (default Date.now). */
  now?: () => number;
  warn?: (message: string) => void;
}

interface Tally {
  usage: TokenUsage;
  costUsd: number;
  calls: number;
}

type ModelOutcome =
  | { kind: 'accepted'; narrative: Narrative }
  | { kind: 'rejected'; reason: string }
  | { kind: 'unavailable'; reason: string };

const DEFAULTS = {
  maxTokens: 1024,
  attempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 2_000,
  failureThreshold: 5,
  cooldownMs: 30_000,
};

export function createBedrockAnalyzer(options: BedrockAnalyzerOptions = {}): Analyzer {
  const config = getConfig();
  const primary = resolveModelId(options.model ?? config.BEDROCK_MODEL);
  const fallbackName =
    options.fallbackModel === undefined ? config.BEDROCK_FALLBACK_MODEL : options.fallbackModel;
  const fallback = fallbackName ? resolveModelId(fallbackName) : undefined;
  const timeoutMs = options.timeoutMs ?? config.BEDROCK_TIMEOUT_MS;
  // Read here, so a bad BEDROCK_PRICES stops the analyzer when it is made, with a sentence naming the variable.
  const prices = options.prices ?? priceTable(config.BEDROCK_PRICES);
  const prompt = options.prompt ?? insightV2;
  const maxTokens = options.maxTokens ?? DEFAULTS.maxTokens;
  const retry: ThrottleRetry = {
    attempts: options.throttle?.attempts ?? DEFAULTS.attempts,
    baseDelayMs: options.throttle?.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: options.throttle?.maxDelayMs ?? DEFAULTS.maxDelayMs,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const breakers = new Map<string, CircuitBreaker>();
  const unpriced = new Set<string>();

  const breakerFor = (modelId: string) => {
    let breaker = breakers.get(modelId);
    if (!breaker) {
      breaker = new CircuitBreaker({
        failureThreshold: options.breaker?.failureThreshold ?? DEFAULTS.failureThreshold,
        cooldownMs: options.breaker?.cooldownMs ?? DEFAULTS.cooldownMs,
        ...(options.now ? { now: options.now } : {}),
      });
      breakers.set(modelId, breaker);
    }
    return breaker;
  };

  const priceOf = (modelId: string) => {
    const price = prices[modelId];
    if (!price && !unpriced.has(modelId)) {
      unpriced.add(modelId);
      warn(
        `[ai] no price for Bedrock model ${modelId}: its cost is recorded as 0 USD; add it to BEDROCK_PRICES.`,
      );
    }
    return price;
  };

  /** One model: a request, and once more with a correction when the answer is rejected. */
  async function runModel(
    modelId: string,
    input: AnalyzerInput,
    userText: string,
    tally: Tally,
  ): Promise<ModelOutcome> {
    const breaker = breakerFor(modelId);
    const turns: Turn[] = [{ role: 'user', text: userText }];
    let problem = '';
    for (let round = 0; round < 2; round += 1) {
      if (!breaker.tryAcquire()) {
        const seconds = Math.ceil(breaker.retryInMs() / 1000);
        return { kind: 'unavailable', reason: `circuit open (next trial in ${seconds} s)` };
      }
      let answer;
      try {
        answer = await converseWithRetry(
          { modelId, system: prompt.system, turns, timeoutMs, maxTokens },
          retry,
          () => (tally.calls += 1),
        );
        breaker.recordSuccess();
      } catch (error) {
        breaker.recordFailure();
        return { kind: 'unavailable', reason: (error as ConverseFailure).message };
      }
      addUsage(tally, answer.usage, costUsd(answer.usage, priceOf(modelId)));
      const verdict = judgeAnswer(answer.text, input);
      if (verdict.ok) return { kind: 'accepted', narrative: verdict.narrative };
      problem = verdict.problem;
      turns.push(
        { role: 'assistant', text: answer.text || '(no text)' },
        { role: 'user', text: prompt.correction(problem) },
      );
    }
    return { kind: 'rejected', reason: `answer rejected twice: ${problem}` };
  }

  return {
    name: 'bedrock',
    async explain(input: AnalyzerInput): Promise<AnalyzerResult> {
      const started = performance.now();
      const tally: Tally = { usage: { ...NO_USAGE }, costUsd: 0, calls: 0 };
      const reasons: string[] = [];
      const finish = (
        fields: Omit<AnalyzerResult, 'latencyMs' | 'usage' | 'costUsd' | 'calls'>,
      ): AnalyzerResult => ({
        ...fields,
        latencyMs: performance.now() - started,
        usage: tally.usage,
        costUsd: roundUsd(tally.costUsd),
        calls: tally.calls,
      });

      let userText: string | undefined;
      try {
        userText = prompt.user(input);
      } catch {
        // Never send what the schemas do not allow (e.g. a customer id where the pseudonym belongs).
        reasons.push('the input is not pseudonymized analyzer input, so nothing was sent');
      }
      if (userText !== undefined) {
        for (const modelId of fallback && fallback !== primary ? [primary, fallback] : [primary]) {
          const outcome = await runModel(modelId, input, userText, tally);
          if (outcome.kind === 'accepted') {
            return finish({
              ...outcome.narrative,
              analyzer: 'bedrock',
              modelId,
              promptVersion: prompt.version,
            });
          }
          reasons.push(`${modelId}: ${outcome.reason}`);
          // Only unavailability is a reason to try another model; a model that answered badly twice is not.
          if (outcome.kind === 'rejected') break;
        }
      }
      const { analyzer, promptVersion, summary, actions } = await statisticalAnalyzer.explain(input);
      return finish({ summary, actions, analyzer, promptVersion, fallbackReason: reasons.join('; ') });
    },
  };
}

function addUsage(tally: Tally, usage: TokenUsage, cost: number): void {
  tally.usage.inputTokens += usage.inputTokens;
  tally.usage.outputTokens += usage.outputTokens;
  tally.usage.cacheReadTokens += usage.cacheReadTokens;
  tally.usage.cacheWriteTokens += usage.cacheWriteTokens;
  tally.costUsd += cost;
}
