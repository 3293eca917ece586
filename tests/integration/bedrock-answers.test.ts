import { describe, expect, it } from 'vitest';
import { HAIKU, PSEUDONYM, input, good, invented, statistical, bedrockSuite } from './support/bedrock';
import type { Narrative } from '@/lib/analysis/analyzers/analyzer';
import { resetConfig } from '@/lib/config';

// Claude on Bedrock, its answers: the real BedrockRuntimeClient (through lib/ai) against a Converse-compatible server.
const converse = bedrockSuite();

describe('Bedrock analyzer: answers', () => {
  it('uses a valid answer, records tokens and cost by the price table, and sends only pseudonymized input', async () => {
    converse.server.script({
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
    const result = await converse.analyzer().explain(leaky);

    expect(result).toMatchObject({
      ...good,
      analyzer: 'bedrock',
      modelId: HAIKU,
      promptVersion: 'insight-v2',
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

    expect(converse.server.requests).toHaveLength(1);
    const [sent] = converse.server.requests;
    expect(sent!.modelId).toBe(HAIKU);
    expect(sent!.raw).toContain(PSEUDONYM);
    for (const pii of ['cus_000123', 'Ada', 'Lovelace', 'ada@example.com', 'Elm Street'])
      expect(sent!.raw).not.toContain(pii);
    const userText = converse.sentText(0, 0);
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
      converse.server.script({ kind: 'json', value: good, usage: { inputTokens: 1000, outputTokens: 200 } });
      const priced = await converse.analyzer({ model: 'eu.example.model-v1' }).explain(input);
      expect(priced.costUsd).toBe((1000 * 2 + 200 * 10) / 1e6);

      const warnings: string[] = [];
      const unpriced = converse.analyzer({ model: 'eu.unknown.model-v1', warn: (m) => warnings.push(m) });
      converse.server.script({ kind: 'json', value: good }, { kind: 'json', value: good });
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
    converse.server.script(
      {
        kind: 'text',
        text: 'This customer is doing great!',
        usage: { inputTokens: 1000, outputTokens: 100 },
      },
      { kind: 'text', text: '{"summary": "Doing great"', usage: { inputTokens: 1200, outputTokens: 50 } },
    );
    const result = await converse.analyzer().explain(input);

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

    expect(converse.server.requests[1]!.body.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
    ]);
    expect(converse.sentText(1, 1)).toBe('This customer is doing great!');
    expect(converse.sentText(1, 2)).toContain('rejected: the answer was not a JSON object');
  });

  it('accepts a JSON answer inside a ```json fence on the retry', async () => {
    converse.server.script({ kind: 'text', text: 'Sure.' }, { kind: 'json', value: good, fenced: true });
    const result = await converse.analyzer().explain(input);
    expect(result).toMatchObject({ analyzer: 'bedrock', summary: good.summary, calls: 2 });
  });

  it('rejects an invented number, and accepts the corrected second answer', async () => {
    converse.server.script({ kind: 'json', value: invented }, { kind: 'json', value: good });
    const result = await converse.analyzer().explain(input);

    expect(result).toMatchObject({ analyzer: 'bedrock', summary: good.summary, calls: 2 });
    expect(result.fallbackReason).toBeUndefined();
    expect(converse.sentText(1, 2)).toContain('not in the given data: €500');
  });

  it('falls back to the statistical text when both answers invent numbers', async () => {
    converse.server.script({ kind: 'json', value: invented }, { kind: 'json', value: invented });
    const result = await converse.analyzer().explain(input);

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
    converse.server.script({ kind: 'json', value: good }, { kind: 'json', value: onSite });
    const result = await converse.analyzer().explain({ ...input, mayContact: false });

    expect(result).toMatchObject({ analyzer: 'bedrock', actions: onSite.actions, calls: 2 });
    expect(converse.sentText(0, 0)).toContain('"mayContact":false');
    expect(converse.sentText(1, 2)).toContain('may not be contacted');
  });

  it('sends nothing for input that is not pseudonymized', async () => {
    const result = await converse.analyzer().explain({
      ...input,
      features: { ...input.features, customer: 'cus_000123' },
    });
    expect(result).toMatchObject({ analyzer: 'statistical', calls: 0, costUsd: 0 });
    expect(result.fallbackReason).toContain('not pseudonymized');
    expect(converse.server.requests).toHaveLength(0);
  });
});
