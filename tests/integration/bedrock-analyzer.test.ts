import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnalyzerInput, Narrative } from '@/lib/ai/analyzer';
import { createBedrockAnalyzer, type BedrockAnalyzerOptions } from '@/lib/ai/get-analyzer';
import { statisticalNarrative } from '@/lib/ai/statistical-analyzer';
import { resetClients } from '@/lib/aws/clients';
import { resetConfig } from '@/lib/config';
import { startConverseServer, type ConverseServer } from './support/converse-server';

// Claude on Bedrock end to end: the real BedrockRuntimeClient (through lib/ai) against a Converse-compatible server.

const HAIKU = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0';
const PSEUDONYM = 'psn_3f9a61c0d2b4e857';

/** A next purchase: days until due, interval low and high, days since the last purchase. */
const due = (
  category: string,
  [dueInDays, lowDays, highDays, daysSinceLast]: [number, number, number, number],
) => ({ category, dueInDays, lowDays, highDays, coverage: 0.8, daysSinceLast, overdue: highDays < 0 });

const input: AnalyzerInput = {
  features: {
    customer: PSEUDONYM,
    orders: 14,
    weeksSinceFirstOrder: 61,
    weeksSinceLastOrder: 1,
    ownAverageOrderEur: 43.12,
    categories: [
      { category: 'cat_dairy', purchases: 12, typicalGapDays: 6 },
      { category: 'cat_coffee-tea', purchases: 5, typicalGapDays: 21 },
    ],
    segment: 'loyal',
  },
  numbers: {
    asOf: '2026-11-20',
    pAlive: 0.834,
    expectedOrders30d: 1.42,
    expectedOrders90d: 3.9,
    churnProbability: 0.27,
    churnLevel: 'low',
    averageOrderEur: 41.37,
    clv: { horizonWeeks: 52, meanEur: 412.37, lowEur: 180.4, highEur: 702.9, coverage: 0.8 },
    nextPurchases: [due('cat_dairy', [3, 1, 6, 5]), due('cat_coffee-tea', [-4, -9, -1, 26])],
  },
  mayContact: true,
};

const good: Narrative = {
  summary:
    'A loyal shopper, 83% likely still active, with about 1.4 orders expected in the next 30 days. Worth about ' +
    '€412 over the next 52 weeks (80% interval €180–€703). Dairy is due in 3 days; coffee & tea is 4 days overdue.',
  actions: [
    { kind: 'reminder', text: 'Remind them about coffee & tea.' },
    { kind: 'on_site', text: 'Feature dairy on their next visit.' },
  ],
};
const invented: Narrative = { ...good, summary: good.summary.replace('€412', '€500') };
const statistical = statisticalNarrative(input);

let server: ConverseServer;
const savedEnv = { ...process.env };
/** The text of message `m` in the `i`-th request the server received. */
const sentText = (i: number, m: number) => server.requests[i]!.body.messages[m]!.content[0]!.text ?? '';

function analyzer(options: BedrockAnalyzerOptions = {}) {
  return createBedrockAnalyzer({
    fallbackModel: null,
    random: () => 0.5,
    throttle: { baseDelayMs: 10 },
    ...options,
  });
}

beforeAll(async () => {
  server = await startConverseServer();
  process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = server.url;
  process.env.AWS_REGION = 'eu-central-1';
  process.env.EMBEDDED = 'true';
  for (const name of [
    'ANALYZER',
    'BEDROCK_MODEL',
    'BEDROCK_FALLBACK_MODEL',
    'BEDROCK_PRICES',
    'BEDROCK_TIMEOUT_MS',
  ]) {
    delete process.env[name];
  }
  resetConfig();
  resetClients();
});

afterAll(async () => {
  resetClients();
  process.env = savedEnv;
  resetConfig();
  await server.close();
});

beforeEach(() => server.reset());

describe('Bedrock analyzer: answers', () => {
  it('uses a valid answer, records tokens and cost by the price table, and sends only pseudonymized input', async () => {
    server.script({
      kind: 'json',
      value: good,
      usage: { inputTokens: 1200, outputTokens: 300, cacheReadInputTokens: 1000, cacheWriteInputTokens: 500 },
    });
    // What a careless caller might attach at run time; none of it may leave the process.
    const leaky = {
      ...input,
      customerId: 'cus_000123',
      features: {
        ...input.features,
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        address: '12 Elm Street',
      },
    };
    const result = await analyzer().explain(leaky);

    expect(result).toMatchObject({
      ...good,
      analyzer: 'bedrock',
      modelId: HAIKU,
      promptVersion: 'insight-v1',
    });
    expect(result.fallbackReason).toBeUndefined();
    expect(result.calls).toBe(1);
    expect(result.usage).toEqual({
      inputTokens: 1200,
      outputTokens: 300,
      cacheReadTokens: 1000,
      cacheWriteTokens: 500,
    });
    // Haiku 4.5 global: $1 input, $5 output, $0.10 cache read, $1.25 cache write per million tokens.
    expect(result.costUsd).toBe((1200 * 1 + 300 * 5 + 1000 * 0.1 + 500 * 1.25) / 1e6);

    expect(server.requests).toHaveLength(1);
    const [sent] = server.requests;
    expect(sent!.modelId).toBe(HAIKU);
    expect(sent!.raw).toContain(PSEUDONYM);
    for (const pii of ['cus_000123', 'Ada', 'Lovelace', 'ada@example.com', 'Elm Street'])
      expect(sent!.raw).not.toContain(pii);
    const userText = sentText(0, 0);
    const payload = JSON.parse(userText.slice(userText.indexOf('{'))) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['features', 'mayContact', 'numbers']);
    expect(sent!.body.system?.[0]?.text).toMatch(/JSON only/);
  });

  it('prices a model from BEDROCK_PRICES, and records 0 USD (once warned) for a model without a price', async () => {
    process.env.BEDROCK_PRICES = JSON.stringify({
      'eu.example.model-v1': { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 },
    });
    resetConfig();
    try {
      server.script({ kind: 'json', value: good, usage: { inputTokens: 1000, outputTokens: 200 } });
      const priced = await analyzer({ model: 'eu.example.model-v1' }).explain(input);
      expect(priced.costUsd).toBe((1000 * 2 + 200 * 10) / 1e6);

      const warnings: string[] = [];
      const unpriced = analyzer({ model: 'eu.unknown.model-v1', warn: (m) => warnings.push(m) });
      server.script({ kind: 'json', value: good }, { kind: 'json', value: good });
      const first = await unpriced.explain(input);
      await unpriced.explain(input);
      expect(first).toMatchObject({ analyzer: 'bedrock', costUsd: 0 });
      expect(first.usage.inputTokens).toBeGreaterThan(0);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('eu.unknown.model-v1');
    } finally {
      delete process.env.BEDROCK_PRICES;
      resetConfig();
    }
  });

  it('retries malformed JSON once, telling the model why, then falls back to the statistical text', async () => {
    server.script(
      {
        kind: 'text',
        text: 'This customer is doing great!',
        usage: { inputTokens: 1000, outputTokens: 100 },
      },
      { kind: 'text', text: '{"summary": "Doing great"', usage: { inputTokens: 1200, outputTokens: 50 } },
    );
    const result = await analyzer().explain(input);

    expect(result).toMatchObject({
      ...statistical,
      analyzer: 'statistical',
      promptVersion: 'statistical-v1',
    });
    expect(result.modelId).toBeUndefined();
    expect(result.fallbackReason).toContain('not a JSON object');
    expect(result.calls).toBe(2);
    expect(result.usage).toMatchObject({ inputTokens: 2200, outputTokens: 150 });
    expect(result.costUsd).toBe((2200 * 1 + 150 * 5) / 1e6);

    expect(server.requests[1]!.body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(sentText(1, 1)).toBe('This customer is doing great!');
    expect(sentText(1, 2)).toContain('rejected: the answer was not a JSON object');
  });

  it('accepts a JSON answer inside a ```json fence on the retry', async () => {
    server.script({ kind: 'text', text: 'Sure.' }, { kind: 'json', value: good, fenced: true });
    const result = await analyzer().explain(input);
    expect(result).toMatchObject({ analyzer: 'bedrock', summary: good.summary, calls: 2 });
  });

  it('rejects an invented number, and accepts the corrected second answer', async () => {
    server.script({ kind: 'json', value: invented }, { kind: 'json', value: good });
    const result = await analyzer().explain(input);

    expect(result).toMatchObject({ analyzer: 'bedrock', summary: good.summary, calls: 2 });
    expect(result.fallbackReason).toBeUndefined();
    expect(sentText(1, 2)).toContain('not in the given data: €500');
  });

  it('falls back to the statistical text when both answers invent numbers', async () => {
    server.script({ kind: 'json', value: invented }, { kind: 'json', value: invented });
    const result = await analyzer().explain(input);

    expect(result).toMatchObject({ summary: statistical.summary, analyzer: 'statistical', calls: 2 });
    expect(result.fallbackReason).toBe(
      `${HAIKU}: answer rejected twice: these numbers are not in the given data: €500`,
    );
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it('rejects contact actions for a customer who may not be contacted', async () => {
    const onSite: Narrative = {
      ...good,
      actions: [{ kind: 'on_site', text: 'Feature coffee & tea on their next visit.' }],
    };
    server.script({ kind: 'json', value: good }, { kind: 'json', value: onSite });
    const result = await analyzer().explain({ ...input, mayContact: false });

    expect(result).toMatchObject({ analyzer: 'bedrock', actions: onSite.actions, calls: 2 });
    expect(sentText(0, 0)).toContain('"mayContact":false');
    expect(sentText(1, 2)).toContain('may not be contacted');
  });

  it('sends nothing for input that is not pseudonymized', async () => {
    const result = await analyzer().explain({
      ...input,
      features: { ...input.features, customer: 'cus_000123' },
    });
    expect(result).toMatchObject({ analyzer: 'statistical', calls: 0, costUsd: 0 });
    expect(result.fallbackReason).toContain('not pseudonymized');
    expect(server.requests).toHaveLength(0);
  });
});

describe('Bedrock analyzer: availability', () => {
  it('retries throttling with jittered exponential backoff, then uses the answer', async () => {
    const sleeps: number[] = [];
    server.script({ kind: 'throttle' }, { kind: 'unavailable' }, { kind: 'json', value: good });
    const result = await analyzer({
      throttle: { attempts: 3, baseDelayMs: 100 },
      sleep: async (ms) => void sleeps.push(ms),
    }).explain(input);

    expect(result).toMatchObject({ analyzer: 'bedrock', modelId: HAIKU, calls: 3 });
    // Half of each step (100, 200 ms) for sure, plus random 0.5 of the other half.
    expect(sleeps).toEqual([75, 150]);
  });

  it('uses the fallback model when the primary stays throttled', async () => {
    server.script(
      { kind: 'throttle' },
      { kind: 'throttle' },
      { kind: 'throttle' },
      { kind: 'json', value: good },
    );
    const result = await analyzer({ fallbackModel: 'sonnet' }).explain(input);

    expect(server.requests.map((r) => r.modelId)).toEqual([HAIKU, HAIKU, HAIKU, SONNET]);
    expect(result).toMatchObject({ analyzer: 'bedrock', modelId: SONNET, summary: good.summary, calls: 4 });
  });

  it('falls back to the statistical text when throttled past the retries and no fallback model is set', async () => {
    server.script({ kind: 'throttle' }, { kind: 'throttle' }, { kind: 'throttle' });
    const result = await analyzer().explain(input);
    expect(result).toMatchObject({ analyzer: 'statistical', calls: 3, costUsd: 0 });
    expect(result.fallbackReason).toMatch(/^global\.anthropic\.claude-haiku.*: throttled on 3 attempts/);
  });

  it('aborts a request at the timeout, then tries the fallback model', async () => {
    server.script({ kind: 'hang', ms: 10_000, value: good }, { kind: 'json', value: good });
    const started = performance.now();
    const result = await analyzer({ timeoutMs: 300, fallbackModel: 'sonnet' }).explain(input);
    const elapsed = performance.now() - started;

    expect(result).toMatchObject({ analyzer: 'bedrock', modelId: SONNET, calls: 2 });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
    await expect.poll(() => server.requests[0]!.aborted).toBe(true);
  });

  it('falls back to the statistical text after a timeout without a fallback model', async () => {
    server.script({ kind: 'hang', ms: 10_000, value: good });
    const result = await analyzer({ timeoutMs: 300 }).explain(input);
    expect(result).toMatchObject({ analyzer: 'statistical', calls: 1 });
    expect(result.fallbackReason).toBe(`${HAIKU}: timed out after 300 ms`);
  });

  it('opens the circuit after consecutive failures: no request until the cooldown, then one trial', async () => {
    let now = 1_000_000;
    const bedrock = analyzer({ breaker: { failureThreshold: 2, cooldownMs: 60_000 }, now: () => now });
    server.script({ kind: 'error' }, { kind: 'error' });
    for (let i = 0; i < 2; i += 1) {
      const failed = await bedrock.explain(input);
      expect(failed.fallbackReason).toContain('HTTP 500 InternalServerException');
    }
    expect(server.requests).toHaveLength(2); // a 500 is not retried on the same model

    const started = performance.now();
    const open = await bedrock.explain(input);
    expect(performance.now() - started).toBeLessThan(100);
    expect(open).toMatchObject({ analyzer: 'statistical', calls: 0 });
    expect(open.fallbackReason).toBe(`${HAIKU}: circuit open (next trial in 60 s)`);
    expect(server.requests).toHaveLength(2);

    now += 60_000;
    server.script({ kind: 'json', value: good });
    expect(await bedrock.explain(input)).toMatchObject({ analyzer: 'bedrock', calls: 1 });
    expect(server.requests).toHaveLength(3);
  });

  it('goes straight to the fallback model while the primary circuit is open', async () => {
    const bedrock = analyzer({
      fallbackModel: 'sonnet',
      breaker: { failureThreshold: 1, cooldownMs: 60_000 },
    });
    server.script({ kind: 'error' }, { kind: 'json', value: good });
    expect(await bedrock.explain(input)).toMatchObject({ modelId: SONNET, calls: 2 });

    server.reset();
    server.script({ kind: 'json', value: good });
    const result = await bedrock.explain(input);
    expect(server.requests.map((r) => r.modelId)).toEqual([SONNET]);
    expect(result).toMatchObject({ analyzer: 'bedrock', modelId: SONNET, calls: 1 });
  });
});
