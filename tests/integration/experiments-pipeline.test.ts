import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAnalyzer, resetAnalyzer } from '@/lib/analysis/analyzers/get-analyzer';
import { statisticalAnalyzer } from '@/lib/analysis/analyzers/statistical-analyzer';
import { analyzeCustomer } from '@/lib/analysis/analyze-customer';
import { insightSchema, type Insight } from '@/lib/analysis/insight-store';
import { runBatch, startRun } from '@/lib/analysis/runs/run-batch';
import { customerItemSchema } from '@/lib/customers/customer';
import { queryItems, scanItems } from '@/lib/db/items';
import { newEvent, type PulseEvent } from '@/lib/events';
import { assignmentSchema } from '@/lib/experiments/assignment';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { getExperimentResults } from '@/lib/experiments/get-experiment-results';
import { getObservationSummary } from '@/lib/experiments/get-observation-summary';
import { openOutcomesOf } from '@/lib/experiments/outcomes/outcome-store';
import type { OpenOutcome } from '@/lib/experiments/outcomes/outcome-cells';
import { sweepOutcomes } from '@/lib/experiments/outcomes/sweep-outcomes';
import { getConfig } from '@/lib/config';
import { intervalScore } from '@/lib/math/scores';
import { storeEpochDay } from '@/lib/time/store-time';
import { transitionExperiment } from '@/lib/experiments/transition-experiment';
import { allConsentStates } from '@/lib/privacy/consent/consent-states';
import { writeDataset } from '@/lib/seed/write-dataset';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { EVENT_HANDLERS } from '@/lib/worker/event-handlers';
import { resetClients } from '@/lib/aws/clients';
import { resetConfig } from '@/lib/config';
import { startConverseServer, DEFAULT_USAGE, type ConverseServer } from './support/converse-server';
import { useTestStack } from './support/test-stack';

// The analysis pipeline inside a running experiment: the variant's analyzer writes the insight, the analysis is an
// observation, and its prediction is resolved later from purchases (or from the window closing without one).

const END = new Date('2026-11-23T00:00:00Z');
const KEY = 'pipeline-windows';
const HOUR = 3_600_000;

const handler = EVENT_HANDLERS.find((h) => h.name === 'experiment-outcomes')!;
let sequence = 0;
const deliver = (...events: PulseEvent[]) =>
  handler.handleBatch!(
    events,
    events.map(() => ({ shardId: 'shardId-000000000000', sequenceNumber: String(++sequence) })),
  );

const purchase = (customerId: string, categoryId: string, placedAt: Date) =>
  newEvent('purchase', {
    customerId,
    occurredAt: placedAt.toISOString(),
    source: 'orders',
    properties: {
      orderId: `ord_${customerId}_${placedAt.getTime()}`,
      totalMinor: 250,
      currency: 'EUR',
      items: [{ productId: 'prd_test_1', categoryId, quantity: 1, unitPriceMinor: 250 }],
      placedAt: placedAt.toISOString(),
    },
  });

const total = async (variant: string, metric: string) =>
  (await getObservationSummary(KEY)).totals.find((t) => t.variant === variant && t.metric === metric);

const pending = (r: { pendingOutcomes: Record<string, number> }) =>
  Object.values(r.pendingOutcomes).reduce((a, b) => a + b, 0);

const accuracyOf = async (customerId: string): Promise<OpenOutcome | undefined> =>
  (await openOutcomesOf(KEY, customerId)).find((o) => o.metric === 'accuracy');

describe('experiments in the analysis pipeline', () => {
  const stack = useTestStack();
  const eligible: string[] = [];
  const analysed: Insight[] = [];
  let server: ConverseServer;
  beforeAll(async () => {
    server = await startConverseServer();
    process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = server.url;
    resetConfig();
    resetClients();
    resetAnalyzer();
    await writeDataset({ seed: 'experiments-pipeline', customers: 60, end: END, dataDir: stack().dataDir });
    const consent = await allConsentStates();
    const customers = (await scanItems('customers')).map((c) => customerItemSchema.parse(c));
    for (const c of customers)
      if (consent.stateOf(c.customerId).personalization && (c.purchases?.days.length ?? 0) >= 4)
        eligible.push(c.customerId);
    // The population models, fitted before the experiment starts (no one is assigned by this run).
    const { run } = await startRun('manual', 'test', 'statistical');
    await runBatch(run.runId, { analyzer: statisticalAnalyzer });
    expect(
      await queryItems('experiment_assignments', {
        keyCondition: 'experimentId = :e',
        values: { ':e': KEY },
      }),
    ).toHaveLength(0);
    await createExperiment(
      {
        key: KEY,
        name: 'Next-purchase windows',
        hypothesis: '95 % windows are right more often than 80 % ones.',
        variants: [
          { name: 'narrow', analyzer: { provider: 'statistical' }, weight: 50 },
          { name: 'wide', analyzer: { provider: 'statistical', nextPurchaseCoverage: 0.95 }, weight: 50 },
        ],
        controlVariant: 'narrow',
        primaryMetric: 'accuracy',
        secondaryMetrics: ['conversion'],
        guardrails: [{ metric: 'latency_ms', tolerancePercent: 50 }],
      },
      'marketing@example.com',
    );
    await transitionExperiment(KEY, { to: 'running' }, { by: 'marketing@example.com' });
  });
  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
    resetConfig();
    resetAnalyzer();
    await server.close();
    await closeEventPublisher();
  });

  it("analyses a customer with their variant's analyzer and records the analysis as an observation", async () => {
    expect(eligible.length).toBeGreaterThan(12);
    for (const customerId of eligible.slice(0, 12)) {
      const outcome = await analyzeCustomer(customerId, 'manual', getAnalyzer());
      expect(outcome.status).toBe('analysed');
      if (outcome.status === 'analysed') analysed.push(outcome.insight);
    }
    const variants = new Set(analysed.map((i) => i.variant));
    expect(variants).toEqual(new Set(['narrow', 'wide']));
    for (const insight of analysed) {
      expect(insight.experimentKey).toBe(KEY);
      const [row] = await queryItems('experiment_assignments', {
        keyCondition: 'experimentId = :e AND customerId = :c',
        values: { ':e': KEY, ':c': insight.customerId },
      });
      expect(assignmentSchema.parse(row).variant).toBe(insight.variant);
      // The wide arm's windows are 95 % windows; the narrow arm keeps the 80 % default.
      const coverage = insight.variant === 'wide' ? 0.95 : 0.8;
      for (const p of insight.numbers.nextPurchases) expect(p.coverage).toBe(coverage);
    }
    const wideWindows = analysed.filter((i) => i.variant === 'wide').flatMap((i) => i.numbers.nextPurchases);
    expect(wideWindows.length).toBeGreaterThan(0);

    for (const variant of ['narrow', 'wide']) {
      const count = analysed.filter((i) => i.variant === variant).length;
      expect((await total(variant, 'latency_ms'))?.n).toBe(count);
      expect(await total(variant, 'schema_valid')).toMatchObject({ n: count, sum: count });
      expect(await total(variant, 'cost_usd')).toMatchObject({ n: count, sum: 0 });
      expect(await total(variant, 'tokens')).toMatchObject({ n: count, sum: 0 });
    }
    // Each analysis that predicts a next purchase leaves an accuracy outcome pending until it is known.
    const predicting = analysed.filter((i) =>
      i.numbers.nextPurchases.some((p) => !p.overdue && p.highDays >= 0),
    );
    expect(predicting.length).toBeGreaterThan(2);
    const results = await getExperimentResults(KEY);
    expect(pending(results)).toBe(predicting.length);

    // Analysing again while a prediction is open records the analysis but makes no second prediction.
    await analyzeCustomer(predicting[0]!.customerId, 'manual', getAnalyzer(), new Date(Date.now() + 1000));
    const again = await getExperimentResults(KEY);
    expect(pending(again)).toBe(predicting.length);
  });

  it('a batch run reads the running experiment and analyses each customer with their variant', async () => {
    const { run } = await startRun('manual', 'test', getAnalyzer().name);
    const final = await runBatch(run.runId, { analyzer: getAnalyzer() });
    expect(final?.status).toBe('completed');
    const insights = (await scanItems('customer_insights'))
      .map((i) => insightSchema.parse(i))
      .filter((i) => i.runId === run.runId);
    expect(insights.length).toBeGreaterThan(12);
    for (const insight of insights) {
      expect(insight.experimentKey).toBe(KEY);
      expect(['narrow', 'wide']).toContain(insight.variant);
    }
    const latency = (await getObservationSummary(KEY)).totals.filter((t) => t.metric === 'latency_ms');
    expect(latency.reduce((s, t) => s + t.n, 0)).toBe(analysed.length + 1 + insights.length);
  });

  it('a purchase inside the predicted window resolves accuracy 1 with its interval score, once; a horizon passed without one resolves 0', async () => {
    const open = (
      await Promise.all(analysed.map(async (i) => ({ insight: i, outcome: await accuracyOf(i.customerId) })))
    ).filter((x): x is { insight: Insight; outcome: OpenOutcome } => x.outcome !== undefined);
    expect(open.length).toBeGreaterThan(2);
    const [hit, other] = open;
    const { outcome } = hit!;
    const inside = new Date(Math.max(Date.parse(outcome.opensAt), Date.parse(outcome.madeAt)) + HOUR);
    expect(inside.getTime()).toBeLessThan(Date.parse(outcome.closesAt));

    // Another category changes nothing; the predicted one inside the window is a hit, counted once.
    await deliver(purchase(hit!.insight.customerId, 'cat_not_predicted', inside));
    expect(await accuracyOf(hit!.insight.customerId)).toBeDefined();
    const event = purchase(hit!.insight.customerId, outcome.category!, inside);
    await deliver(event);
    await deliver(event);
    expect(await accuracyOf(hit!.insight.customerId)).toBeUndefined();
    expect(await total(outcome.variant, 'accuracy')).toMatchObject({ n: 1, sum: 1 });
    // Scored as the backtest scores a window: y whole days after the analysis day, against the window as the
    // insight gave it (a day the shown window includes may lie just outside the unrounded one).
    expect(outcome.horizonDays).toBe(90);
    expect(await total(outcome.variant, 'bought_within_horizon')).toMatchObject({ n: 1, sum: 1 });
    const y =
      storeEpochDay(inside, getConfig().STORE_TIMEZONE) -
      Date.parse(`${outcome.asOf}T00:00:00Z`) / 86_400_000;
    expect((await total(outcome.variant, 'interval_score'))!.sum).toBeCloseTo(
      intervalScore(outcome.lowDays!, outcome.highDays!, y, 1 - outcome.coverage!),
      2,
    );
    // The statistical analyzer is free: one correct prediction for 0 USD.
    expect((await getExperimentResults(KEY)).costPerCorrect[outcome.variant]).toBe(0);

    // A purchase of the predicted category after the window closed is a miss: accuracy 0, and an interval score
    // above the window's width (2/α for each day beyond it).
    const late = other!.outcome;
    const before = await total(late.variant, 'interval_score');
    await deliver(
      purchase(other!.insight.customerId, late.category!, new Date(Date.parse(late.closesAt) + HOUR)),
    );
    expect(await accuracyOf(other!.insight.customerId)).toBeUndefined();
    const after = (await total(late.variant, 'interval_score'))!;
    expect(after.n - (before?.n ?? 0)).toBe(1);
    expect(after.sum - (before?.sum ?? 0)).toBeGreaterThan(late.highDays! - late.lowDays!);

    // Everything else passes its horizon without a purchase: the sweep records the misses, after an hour's grace
    // for late purchase events (here and for the customers the batch run analysed).
    const waiting = open.slice(2);
    const due = (o: OpenOutcome) => Date.parse(o.resolvesBy ?? o.closesAt);
    const sweptAt = Math.max(...waiting.map((w) => due(w.outcome))) + HOUR / 2;
    await sweepOutcomes(new Date(sweptAt));
    for (const w of waiting) {
      const missed = due(w.outcome) + HOUR <= sweptAt;
      expect(await accuracyOf(w.insight.customerId)).toEqual(missed ? undefined : w.outcome);
    }
    const swept = await sweepOutcomes(new Date(Date.now() + 400 * 24 * HOUR));
    expect(swept.resolved).toBeGreaterThan(0);
    for (const { insight } of open) expect(await accuracyOf(insight.customerId)).toBeUndefined();
    const totals = (await getObservationSummary(KEY)).totals.filter((t) => t.metric === 'accuracy');
    const resolved = totals.reduce((s, t) => s + t.n, 0);
    expect(totals.reduce((s, t) => s + t.sum, 0)).toBe(1);
    // The misses are scored as not bought within the horizon; only the two purchases have an interval score.
    const summary = (await getObservationSummary(KEY)).totals;
    const count = (metric: string, field: 'n' | 'sum') =>
      summary.filter((t) => t.metric === metric).reduce((s, t) => s + t[field], 0);
    expect(count('bought_within_horizon', 'n')).toBe(resolved);
    expect(count('bought_within_horizon', 'sum')).toBe(2);
    expect(count('interval_score', 'n')).toBe(2);
    const results = await getExperimentResults(KEY);
    expect(results.pendingOutcomes).toEqual({ narrow: 0, wide: 0 });
    expect(resolved).toBeGreaterThanOrEqual(open.length);
    expect(
      results.results.metrics.find((m) => m.key === 'accuracy')!.variants.reduce((s, v) => s + v.n, 0),
    ).toBe(resolved);
  });

  it('a recommendation clicked within 24 h converts; one left alone does not', async () => {
    const [a, b] = analysed;
    const shown = (customerId: string, recommendationId: string, variant: string, at: Date) =>
      newEvent('recommendation_shown', {
        customerId,
        occurredAt: at.toISOString(),
        source: 'storefront',
        properties: {
          recommendationId,
          productIds: ['prd_test_1'],
          placement: 'home',
          experimentId: KEY,
          variant,
        },
      });
    const now = new Date();
    await deliver(
      shown(a!.customerId, 'rec_a', a!.variant!, now),
      newEvent('recommendation_clicked', {
        customerId: a!.customerId,
        occurredAt: new Date(now.getTime() + HOUR).toISOString(),
        source: 'storefront',
        properties: {
          recommendationId: 'rec_a',
          productId: 'prd_test_1',
          experimentId: KEY,
          variant: a!.variant!,
        },
      }),
      shown(b!.customerId, 'rec_b', b!.variant!, now),
      // A variant the customer is not in is not counted.
      shown(b!.customerId, 'rec_c', b!.variant === 'wide' ? 'narrow' : 'wide', now),
    );
    const conversions = async () =>
      (await getObservationSummary(KEY)).totals
        .filter((t) => t.metric === 'conversion')
        .reduce((s, t) => ({ n: s.n + t.n, sum: s.sum + t.sum }), { n: 0, sum: 0 });
    expect(await conversions()).toEqual({ n: 1, sum: 1 });
    expect((await openOutcomesOf(KEY, b!.customerId)).map((o) => o.recommendationId)).toEqual(['rec_b']);
    await sweepOutcomes(new Date(now.getTime() + 26 * HOUR));
    expect(await conversions()).toEqual({ n: 2, sum: 1 });
    expect(await openOutcomesOf(KEY, b!.customerId)).toEqual([]);
  });

  it('a Claude arm is answered through Bedrock, and its cost and tokens are observed', async () => {
    await transitionExperiment(KEY, { to: 'stopped', reason: 'next test' }, { by: 'marketing@example.com' });
    await createExperiment(
      {
        key: 'pipeline-haiku',
        name: 'Claude Haiku',
        hypothesis: 'Haiku explains the numbers as well as the templates.',
        variants: [
          { name: 'control', analyzer: { provider: 'statistical' }, weight: 0 },
          { name: 'haiku', analyzer: { provider: 'bedrock', model: 'haiku' }, weight: 100 },
        ],
        controlVariant: 'control',
        primaryMetric: 'schema_valid',
      },
      'marketing@example.com',
    );
    await transitionExperiment('pipeline-haiku', { to: 'running' }, { by: 'marketing@example.com' });
    const consent = await allConsentStates();
    const customerId = eligible.find((id) => consent.stateOf(id).ai_processing)!;
    // An answer without numbers passes the number check for any customer; on-site only, so any consent will do.
    server.script({
      kind: 'json',
      value: {
        summary: 'A steady shopper whose usual categories are coming due.',
        actions: [{ kind: 'on_site', text: 'Feature their usual categories on the next visit.' }],
      },
    });
    const outcome = await analyzeCustomer(customerId, 'manual', getAnalyzer());
    expect(outcome.status).toBe('analysed');
    if (outcome.status !== 'analysed') return;
    expect(outcome.insight).toMatchObject({
      experimentKey: 'pipeline-haiku',
      variant: 'haiku',
      analyzer: 'bedrock',
    });
    expect(outcome.insight.modelId).toMatch(/claude-haiku/);
    expect(server.requests).toHaveLength(1);
    const haiku = (metric: string) =>
      getObservationSummary('pipeline-haiku').then((s) =>
        s.totals.find((t) => t.variant === 'haiku' && t.metric === metric),
      );
    expect((await haiku('cost_usd'))?.sum).toBeGreaterThan(0);
    expect((await haiku('tokens'))?.sum).toBe(DEFAULT_USAGE.inputTokens + DEFAULT_USAGE.outputTokens);
    expect(await haiku('schema_valid')).toMatchObject({ n: 1, sum: 1 });
  });
});
