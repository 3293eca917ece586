import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { AnalyzerInput, Narrative } from '@/lib/analysis/analyzers/analyzer';
import { createBedrockAnalyzer, type BedrockAnalyzerOptions } from '@/lib/analysis/analyzers/get-analyzer';
import { statisticalNarrative } from '@/lib/analysis/analyzers/statistical-analyzer';
import { resetClients } from '@/lib/aws/clients';
import { resetConfig } from '@/lib/config';
import { startConverseServer, type ConverseServer } from './converse-server';

// Claude on Bedrock end to end: the real BedrockRuntimeClient (through lib/ai) against a Converse-compatible server.

export const HAIKU = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';
export const SONNET = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0';
export const PSEUDONYM = 'psn_3f9a61c0d2b4e857';

/** A next purchase: days until due, interval low and high, days since the last purchase. */
export const due = (
  category: string,
  [dueInDays, lowDays, highDays, daysSinceLast]: [number, number, number, number],
) => ({ category, dueInDays, lowDays, highDays, coverage: 0.8, daysSinceLast, overdue: highDays < 0 });

export const input: AnalyzerInput = {
  features: {
    customer: PSEUDONYM,
    orders: 14,
    weeksSinceFirstOrder: 61,
    weeksSinceLastOrder: 1,
    ownAverageOrder: 43.12,
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
    currency: 'EUR',
    averageOrder: 41.37,
    clv: { horizonWeeks: 52, mean: 412.37, low: 180.4, high: 702.9, coverage: 0.8 },
    nextPurchases: [due('cat_dairy', [3, 1, 6, 5]), due('cat_coffee-tea', [-4, -9, -1, 26])],
  },
  mayContact: true,
};

export const good: Narrative = {
  summary:
    'A loyal shopper, 83% likely still active, with about 1.4 orders expected in the next 30 days. Worth about ' +
    '€412 over the next 52 weeks (80% interval €180–€703). Dairy is due in 3 days; coffee & tea is 4 days overdue.',
  actions: [
    { kind: 'reminder', text: 'Remind them about coffee & tea.' },
    { kind: 'on_site', text: 'Feature dairy on their next visit.' },
  ],
};
export const invented: Narrative = { ...good, summary: good.summary.replace('€412', '€500') };
export const statistical = statisticalNarrative(input);

/**
 * The Converse-compatible server for a test file, with the environment pointing the real BedrockRuntimeClient at it,
 * and a quick analyzer (no fallback model unless given, fixed jitter, short backoff).
 */
export function bedrockSuite() {
  let server: ConverseServer | undefined;
  const savedEnv = { ...process.env };
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
    ])
      delete process.env[name];
    resetConfig();
    resetClients();
  });
  afterAll(async () => {
    resetClients();
    process.env = savedEnv;
    resetConfig();
    await server?.close();
  });
  beforeEach(() => server?.reset());
  const ctx = {
    get server(): ConverseServer {
      if (!server) throw new Error('The Converse server has not started.');
      return server;
    },
    /** The text of message `m` in the `i`-th request the server received. */
    sentText: (i: number, m: number) => ctx.server.requests[i]!.body.messages[m]!.content[0]!.text ?? '',
    analyzer: (options: BedrockAnalyzerOptions = {}) =>
      createBedrockAnalyzer({
        fallbackModel: null,
        random: () => 0.5,
        throttle: { baseDelayMs: 10 },
        ...options,
      }),
  };
  return ctx;
}
