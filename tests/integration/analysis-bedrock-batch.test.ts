import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockAnalyzer } from '@/lib/analysis/analyzers/get-analyzer';
import { insightSchema } from '@/lib/analysis/insight-store';
import { getRun } from '@/lib/analysis/runs/run';
import { runBatch, startRun } from '@/lib/analysis/runs/run-batch';
import { resetClients } from '@/lib/aws/clients';
import { resetConfig } from '@/lib/config';
import { customerItemSchema } from '@/lib/customers/customer';
import { scanItems } from '@/lib/db/items';
import { allConsentStates } from '@/lib/privacy/consent/consent-states';
import { writeDataset } from '@/lib/seed/write-dataset';
import { startConverseServer, type ConverseServer } from './support/converse-server';
import { useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');
const HAIKU = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';

// An answer without numbers passes the number check for any customer; on-site only, so any consent will do.
const ANSWER = {
  summary: 'A steady shopper whose usual categories are coming due.',
  actions: [{ kind: 'on_site', text: 'Feature their usual categories on the next visit.' }],
};

describe('a batch run with Claude on Bedrock', () => {
  const stack = useTestStack();
  let server: ConverseServer;
  beforeAll(async () => {
    server = await startConverseServer();
    process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = server.url;
    resetConfig();
    resetClients();
  });
  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
    resetConfig();
    await server.close();
  });

  it('sends only customers who allow ai_processing, as pseudonyms, and counts the cost on the run', async () => {
    await writeDataset({ seed: 'bedrock-batch', customers: 80, end: END, dataDir: stack().dataDir });
    const consent = await allConsentStates();
    const customers = (await scanItems('customers')).map((c) => customerItemSchema.parse(c));
    const analysed = customers.filter(
      (c) => consent.stateOf(c.customerId).personalization && c.purchases?.days.length,
    );
    const toModel = analysed.filter((c) => consent.stateOf(c.customerId).ai_processing);
    expect(toModel.length).toBeGreaterThan(3);
    expect(toModel.length).toBeLessThan(analysed.length); // some analysed customers refuse ai_processing
    server.script(...toModel.map(() => ({ kind: 'json' as const, value: ANSWER })));

    const { run } = await startRun('manual', 'test', 'bedrock');
    const final = await runBatch(run.runId, {
      analyzer: createBedrockAnalyzer({ model: 'haiku', fallbackModel: null }),
    });
    expect(final?.status).toBe('completed');

    const insights = (await scanItems('customer_insights')).map((i) => insightSchema.parse(i));
    const byCustomer = new Map(insights.map((i) => [i.customerId, i]));
    expect(byCustomer.size).toBe(analysed.length);
    for (const c of toModel) {
      const i = byCustomer.get(c.customerId)!;
      expect(i.analyzer).toBe('bedrock');
      expect(i.modelId).toBe(HAIKU);
      expect(i.summary).toBe(ANSWER.summary);
      expect(i.costUsd).toBeGreaterThan(0);
    }
    for (const c of analysed.filter((a) => !toModel.includes(a))) {
      const i = byCustomer.get(c.customerId)!;
      expect(i.analyzer).toBe('statistical');
      expect(i.skippedModel).toMatch(/ai_processing/);
    }
    // Exactly one call per consenting customer, and nothing that identifies anyone.
    expect(server.requests).toHaveLength(toModel.length);
    const sent = server.requests.map((r) => r.raw).join('\n');
    for (const c of customers) {
      expect(sent).not.toContain(c.customerId);
      expect(sent).not.toContain(c.email);
      expect(sent).not.toContain(`"${c.lastName}"`);
    }
    const total = insights.reduce((s, i) => s + i.costUsd, 0);
    expect((await getRun(run.runId))!.costUsd).toBeCloseTo(total, 6);
  });
});
