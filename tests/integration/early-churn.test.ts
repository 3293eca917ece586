import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { statisticalAnalyzer } from '@/lib/analysis/analyzers/statistical-analyzer';
import { latestInsight } from '@/lib/analysis/insight-store';
import { runBatch, startRun } from '@/lib/analysis/runs/run-batch';
import { queryItems, scanItems, updateItem } from '@/lib/db/items';
import { EVENT_EXAMPLES, type PulseEvent } from '@/lib/events';
import { appendConsent } from '@/lib/privacy/consent/append-consent';
import { flushEnforcementCounts } from '@/lib/privacy/consent/may-use';
import { writeDataset } from '@/lib/seed/write-dataset';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { alertSchema } from '@/lib/live/alerts/alert';
import { detectEarlyChurn } from '@/lib/live/detect-early-churn';
import { recordActivity } from '@/lib/live/live-activity';
import { useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');
const NOW = new Date('2026-11-24T12:00:00Z');

const consent = (customerId: string, marketing: boolean) =>
  appendConsent({
    customerId,
    changes: { analytics: true, personalization: true, marketing },
    policyVersion: '1',
    noticeText: 'notice',
    source: 'officer',
    actor: { kind: 'user', id: 'privacy@example.com' },
    gpc: false,
  });

describe('early churn: a customer past their own replenishment cycle', () => {
  const stack = useTestStack();
  afterAll(async () => {
    await closeEventPublisher();
  });

  it('raises exactly one outreach alert, and none for a customer who does not allow marketing', async () => {
    await writeDataset({ seed: 'churn', customers: 120, end: END, dataDir: stack().dataDir });
    // Everyone analysed as of the seed's end, so patterns and insights exist.
    const { run } = await startRun('manual', 'test', 'statistical', END);
    await runBatch(run.runId, { analyzer: statisticalAnalyzer });
    const patterns = await scanItems('purchase_patterns');
    // Two active customers with nothing overdue yet: make one category overdue for each.
    const overdueAlready = new Set(
      patterns.filter((p) => String(p.nextHighOn) < '2026-11-24').map((p) => p.customerId),
    );
    const active: { customerId: string; categoryId: string }[] = [];
    for (const p of patterns) {
      if (
        active.length === 2 ||
        overdueAlready.has(p.customerId) ||
        active.some((a) => a.customerId === p.customerId)
      )
        continue;
      const insight = await latestInsight(String(p.customerId));
      if (insight && insight.numbers.pAlive >= 0.6 && String(p.nextHighOn) >= '2026-11-24')
        active.push({ customerId: String(p.customerId), categoryId: String(p.categoryId) });
    }
    expect(active).toHaveLength(2);
    const [willing, unwilling] = active as [(typeof active)[0], (typeof active)[0]];
    await consent(willing.customerId, true);
    await consent(unwilling.customerId, false);
    for (const a of active)
      await updateItem(
        'purchase_patterns',
        { customerId: a.customerId, categoryId: a.categoryId },
        'SET nextHighOn = :d',
        {
          values: { ':d': '2026-11-20' },
        },
      );

    const before = await scanItems('alerts');
    const first = await detectEarlyChurn(NOW);
    expect(first.refusedForConsent).toBeGreaterThanOrEqual(1);
    const alerts = (await scanItems('alerts'))
      .map((a) => alertSchema.parse(a))
      .filter((a) => a.kind === 'early_churn');
    const mine = alerts.filter((a) => a.customerId === willing.customerId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.alertId).toBe(`early_churn:${willing.customerId}:${willing.categoryId}:2026-11-20`);
    expect(mine[0]!.explanation.why).toBe(`${willing.categoryId} is 4 days past its predicted interval`);
    expect(mine[0]!.explanation.expected).toContain('by 2026-11-20');
    expect(alerts.some((a) => a.customerId === unwilling.customerId)).toBe(false);
    expect(first.raised).toBe(alerts.length - before.filter((a) => a.kind === 'early_churn').length);

    // Running again (the next hour) raises nothing new; the refusals are counted per purpose.
    const again = await detectEarlyChurn(NOW);
    expect(again.raised).toBe(0);
    expect(again.refusedForConsent).toBe(0); // the same missed interval is not refused (or counted) twice
    await flushEnforcementCounts();
    const counted = await queryItems('consent_aggregates', {
      keyCondition: 'metric = :m',
      values: { ':m': 'consent:enforcement' },
    });
    expect(counted.some((c) => c.bucket === 'marketing:rejected' && Number(c.count) >= 1)).toBe(true);
  });

  it('raises one alert for a regular visitor whose visits stopped, and none for one still visiting', async () => {
    // Two analysed, active customers with nothing overdue, who allow marketing.
    const patterns = await scanItems('purchase_patterns');
    const overdue = new Set(
      patterns.filter((p) => String(p.nextHighOn) < '2026-11-25').map((p) => p.customerId),
    );
    const alerted = new Set((await scanItems('alerts')).map((a) => a.customerId));
    const picked: string[] = [];
    for (const id of new Set(patterns.map((p) => String(p.customerId)))) {
      if (picked.length === 2 || overdue.has(id) || alerted.has(id)) continue;
      if (((await latestInsight(id))?.numbers.pAlive ?? 0) >= 0.6) picked.push(id);
    }
    expect(picked).toHaveLength(2);
    const [stopped, steady] = picked as [string, string];
    for (const id of picked) await consent(id, true);
    // Five visits a week for five weeks; `stopped` then none in the last 7 days, `steady` goes on.
    const events: PulseEvent[] = [];
    for (const id of picked)
      for (let daysAgo = 38; daysAgo >= 0; daysAgo--) {
        if (daysAgo % 7 > 4 || (id === stopped && daysAgo < 8)) continue;
        const at = new Date(NOW.getTime() - daysAgo * 86_400_000 - 3_600_000).toISOString();
        events.push({
          ...EVENT_EXAMPLES.page_view,
          eventId: randomUUID(),
          customerId: id,
          sessionId: `ses_${id}_${daysAgo}`,
          occurredAt: at,
          receivedAt: at,
        } as PulseEvent);
      }
    await recordActivity(
      events,
      events.map((_, i) => ({ shardId: 'shard-visits', sequenceNumber: String(10_000 + i) })),
    );
    const first = await detectEarlyChurn(NOW);
    const alerts = (await scanItems('alerts'))
      .map((a) => alertSchema.parse(a))
      .filter((a) => a.alertId.includes(':visits:'));
    expect(alerts.map((a) => a.customerId)).toEqual([stopped]);
    expect(alerts.some((a) => a.customerId === steady)).toBe(false); // still visiting as usual
    expect(alerts[0]!.explanation.why).toMatch(/^0 visits in 7 days against 5 usually/);
    expect(alerts[0]!.explanation.feature).toBe('visit frequency');
    expect(first.raised).toBeGreaterThanOrEqual(1);
    expect((await detectEarlyChurn(NOW)).raised).toBe(0); // one per customer and week
  });
});
