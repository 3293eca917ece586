import { describe, expect, it } from 'vitest';
import { BUILT_IN_PRICES, costUsd, MODEL_PRESETS, priceTable, resolveModelId } from '@/lib/ai/prices';

const usage = { inputTokens: 2_000, outputTokens: 400, cacheReadTokens: 3_000, cacheWriteTokens: 1_000 };

describe('prices', () => {
  it('prices input, output, cache reads and cache writes separately, per million tokens', () => {
    const haiku = BUILT_IN_PRICES[MODEL_PRESETS.haiku];
    // $1 × 2,000 + $5 × 400 + $0.10 × 3,000 + $1.25 × 1,000 = $5,550 per million tokens.
    expect(costUsd(usage, haiku)).toBe(0.00555);
    const sonnet = BUILT_IN_PRICES[MODEL_PRESETS.sonnet];
    // $3 × 2,000 + $15 × 400 + $0.30 × 3,000 + $3.75 × 1,000 = $16,650 per million tokens.
    expect(costUsd(usage, sonnet)).toBe(0.01665);
  });

  it('charges the 10 % regional premium for geographic profiles', () => {
    const global = costUsd(usage, BUILT_IN_PRICES[MODEL_PRESETS.haiku]);
    const eu = costUsd(usage, BUILT_IN_PRICES['eu.anthropic.claude-haiku-4-5-20251001-v1:0']);
    expect(eu).toBeCloseTo(global * 1.1, 12);
  });

  it('costs 0 for a model without a price', () => {
    expect(costUsd(usage, undefined)).toBe(0);
  });

  it('resolves the presets and passes any other id through', () => {
    expect(resolveModelId('haiku')).toBe('global.anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(resolveModelId('sonnet')).toBe('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(resolveModelId('eu.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe(
      'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    expect(resolveModelId('toString')).toBe('toString');
  });

  it('merges BEDROCK_PRICES over the built-in table', () => {
    const table = priceTable(
      JSON.stringify({
        [MODEL_PRESETS.haiku]: { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
        'my-profile': { input: 2, output: 8, cacheRead: 0.2, cacheWrite: 2.5 },
      }),
    );
    expect(costUsd(usage, table[MODEL_PRESETS.haiku])).toBe(0.00444);
    expect(costUsd(usage, table['my-profile'])).toBe(0.0103);
    expect(table[MODEL_PRESETS.sonnet]).toEqual(BUILT_IN_PRICES[MODEL_PRESETS.sonnet]);
    expect(priceTable(undefined)).toBe(BUILT_IN_PRICES);
  });

  it('refuses a malformed BEDROCK_PRICES with a sentence naming it', () => {
    expect(() => priceTable('{input: 1}')).toThrow('BEDROCK_PRICES is not valid JSON.');
    expect(() => priceTable(JSON.stringify({ m: { input: 1, output: 5 } }))).toThrow(
      /^BEDROCK_PRICES must map .* at m/,
    );
    expect(() =>
      priceTable(JSON.stringify({ m: { input: -1, output: 5, cacheRead: 0, cacheWrite: 0 } })),
    ).toThrow(/BEDROCK_PRICES/);
    expect(() => priceTable('[1, 2]')).toThrow(/BEDROCK_PRICES/);
  });
});
