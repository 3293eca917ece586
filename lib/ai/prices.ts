import { z } from 'zod';
import type { TokenUsage } from './token-usage';

/**
 * What a Converse call costs, from a price table in USD per million tokens. Cache reads and cache writes are priced
 * apart from plain input because Bedrock bills them apart (reads at a tenth of input, 5-minute writes at 1.25 ×), and
 * Converse reports them apart: `usage.inputTokens` excludes the cached tokens, `cacheReadInputTokens` and
 * `cacheWriteInputTokens` count them. Pure: the caller passes `BEDROCK_PRICES`.
 */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

const HAIKU_4_5 = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET_4_5 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

/**
 * `BEDROCK_MODEL=haiku|sonnet`. The global cross-Region inference profiles: Claude 4.5 models are invoked on demand
 * through an inference profile, the global one works from every commercial source Region and is the cheapest. For
 * data residency set the geographic profile instead (`eu.…`, `us.…`); the table below prices those too.
 */
export const MODEL_PRESETS = {
  haiku: `global.${HAIKU_4_5}`,
  sonnet: `global.${SONNET_4_5}`,
} as const;

/** A preset name to its model id; anything else is taken as a model or inference-profile id as given. */
export function resolveModelId(nameOrId: string): string {
  return Object.hasOwn(MODEL_PRESETS, nameOrId)
    ? MODEL_PRESETS[nameOrId as keyof typeof MODEL_PRESETS]
    : nameOrId;
}

/*
 * Built-in prices, on demand, looked up 2026-11-25 (secondary sources; the AWS pricing page itself was not at hand):
 * - Anthropic's per-model table (input / 5-minute cache write / cache hit / output per million tokens), as reproduced
 *   at docs.electronhub.ai/guides/prompt-caching: Haiku 4.5 $1 / $1.25 / $0.10 / $5, Sonnet 4.5 $3 / $3.75 / $0.30 /
 *   $15; clauder-navi.com/en/bedrock-claude-cost gives the same base rates on Bedrock (writes 1.25 ×, reads 0.1 ×);
 * - Anthropic's Bedrock guide (platform.claude.com/docs/en/api/claude-on-amazon-bedrock): the base model ids and
 *   which geographic profiles exist (Haiku 4.5: global, us, eu; Sonnet 4.5: global, us, eu, jp); from the 4.5 models
 *   on, regional endpoints (geographic profiles and in-Region ids) cost 10 % more than global (same guide, and
 *   clauder-navi.com and sam.mehdi.consulting/posts/saving-money-on-bedrock-is-hard).
 * Prices and model lifecycles change (AWS lists Haiku 4.5's end of life as "no sooner than 2026-10-01"): check the
 * Amazon Bedrock pricing page and override or extend this table with BEDROCK_PRICES rather than editing it.
 */
const HAIKU_GLOBAL: ModelPrice = { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 };
const HAIKU_REGIONAL: ModelPrice = { input: 1.1, output: 5.5, cacheRead: 0.11, cacheWrite: 1.375 };
const SONNET_GLOBAL: ModelPrice = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
const SONNET_REGIONAL: ModelPrice = { input: 3.3, output: 16.5, cacheRead: 0.33, cacheWrite: 4.125 };

export const BUILT_IN_PRICES: PriceTable = {
  [`global.${HAIKU_4_5}`]: HAIKU_GLOBAL,
  [HAIKU_4_5]: HAIKU_REGIONAL,
  [`us.${HAIKU_4_5}`]: HAIKU_REGIONAL,
  [`eu.${HAIKU_4_5}`]: HAIKU_REGIONAL,
  [`global.${SONNET_4_5}`]: SONNET_GLOBAL,
  [SONNET_4_5]: SONNET_REGIONAL,
  [`us.${SONNET_4_5}`]: SONNET_REGIONAL,
  [`eu.${SONNET_4_5}`]: SONNET_REGIONAL,
  [`jp.${SONNET_4_5}`]: SONNET_REGIONAL,
};

const perMillion = z.number().finite().nonnegative();
const overridesSchema = z.record(
  z.string().min(1),
  z.object({ input: perMillion, output: perMillion, cacheRead: perMillion, cacheWrite: perMillion }).strict(),
);

/** The built-in table with `BEDROCK_PRICES` (a JSON object by model id) merged over it; throws a sentence naming it. */
export function priceTable(overridesJson: string | undefined): PriceTable {
  if (!overridesJson) return BUILT_IN_PRICES;
  let raw: unknown;
  try {
    raw = JSON.parse(overridesJson);
  } catch {
    throw new Error('BEDROCK_PRICES is not valid JSON.');
  }
  const parsed = overridesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new Error(
      `BEDROCK_PRICES must map model ids to {"input", "output", "cacheRead", "cacheWrite"} in USD per million ` +
        `tokens (${issue?.message ?? 'invalid'}${where}).`,
    );
  }
  return { ...BUILT_IN_PRICES, ...parsed.data };
}

/**
 * USD for the tokens, or 0 when the model has no price (the caller says so once). Rounded to 1e-10 USD so sums of
 * binary fractions read as the decimal amounts the table implies.
 */
export function costUsd(usage: TokenUsage, price: ModelPrice | undefined): number {
  if (!price) return 0;
  const micro =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    usage.cacheReadTokens * price.cacheRead +
    usage.cacheWriteTokens * price.cacheWrite;
  return roundUsd(micro / 1_000_000);
}

export const roundUsd = (usd: number) => Math.round(usd * 1e10) / 1e10;
