import { latestInsight, type Pattern } from '../analysis/insight-store';
import { listOverduePatterns } from '../analysis/list-overdue-patterns';
import { getConfig } from '../config';
import { batchGet } from '../db/batch';
import { ConditionFailedError, putItem, queryItems } from '../db/items';
import { forEachLimit } from '../for-each-limit';
import { allowing, countEnforcement } from '../privacy/consent/may-use';
import { raiseAlert } from './alerts/alert-store';
import { earlyChurnSignal } from './detection/customer-signals';
import { activitySchema } from './live-activity';
import { addDays, storeDay, storeDayStart, storeWeekStart } from '../time/store-time';
import { visitRhythm } from './visit-history';

/**
 * Early churn: a customer still active by the models (P(alive) ≥ 40 %) who is now past the end of their own predicted
 * replenishment interval for a category they buy regularly. It is an outreach alert — someone will contact the
 * customer — so it is only raised for customers who allow `marketing`; the others are counted as refused by consent.
 * One alert per customer, category and missed interval (the id holds the interval's end), however often this runs.
 */
export interface EarlyChurnResult {
  overdue: number;
  raised: number;
  refusedForConsent: number;
}

const DAY = 86_400_000;

/** The category whose interval ended longest ago. */
const worstOf = (patterns: readonly Pattern[]) =>
  [...patterns].sort((a, b) => a.nextHighOn.localeCompare(b.nextHighOn))[0]!;
const alertIdFor = (customerId: string, p: Pattern) =>
  `early_churn:${customerId}:${p.categoryId}:${p.nextHighOn}`;
/** A drop in visits: one alert per customer and week (the store's Monday it falls in). */
const visitAlertIdFor = (customerId: string, now: Date, timeZone: string) =>
  `early_churn:${customerId}:visits:${storeWeekStart(now, timeZone)}`;

/**
 * Visit rhythms of the customers who visited on any day 8–35 days ago (the `visitors:<day>` index), where the
 * history reaches back far enough to say what usual is.
 */
async function visitRhythms(
  now: Date,
  timeZone: string,
): Promise<Map<string, { last7Days: number; usualPerWeek: number }>> {
  const today = storeDay(now, timeZone);
  const days = Array.from({ length: 28 }, (_, i) => addDays(today, -(8 + i)));
  const ids = new Set<string>();
  await forEachLimit(days, 4, async (day) => {
    const rows = await queryItems('stream_aggregates', {
      keyCondition: 'metric = :m',
      values: { ':m': `visitors:${day}` },
    });
    rows.forEach((r) => ids.add(String(r.bucket)));
  });
  const rhythms = new Map<string, { last7Days: number; usualPerWeek: number }>();
  if (!ids.size) return rhythms;
  const rows = await batchGet(
    'stream_aggregates',
    [...ids].map((customerId) => ({ metric: 'activity', bucket: customerId })),
  );
  for (const row of rows) {
    const parsed = activitySchema.safeParse(row);
    if (!parsed.success) continue;
    const a = parsed.data;
    const rhythm = visitRhythm(a.visitDays, now, a.firstSeenAt ?? a.sessionStartedAt, timeZone);
    if (rhythm) rhythms.set(a.customerId, rhythm);
  }
  return rhythms;
}

export async function detectEarlyChurn(now = new Date()): Promise<EarlyChurnResult> {
  // Patterns date their intervals by the store's days: "overdue" is past the end of one of them, in its zone.
  const timeZone = getConfig().STORE_TIMEZONE;
  const today = storeDay(now, timeZone);
  const byCustomer = new Map<string, Pattern[]>();
  for (const p of await listOverduePatterns(today)) {
    byCustomer.set(p.customerId, [...(byCustomer.get(p.customerId) ?? []), p]);
  }
  const candidates: { customerId: string; patterns: Pattern[]; pAlive: number }[] = [];
  await forEachLimit([...byCustomer], 8, async ([customerId, patterns]) => {
    // Only categories the latest analysis still predicts, and the models' view of whether they are still active.
    const insight = await latestInsight(customerId);
    if (!insight) return;
    const predicted = new Set(insight.numbers.nextPurchases.map((n) => n.category));
    const current = patterns.filter((p) => predicted.has(p.categoryId));
    if (current.length) candidates.push({ customerId, patterns: current, pAlive: insight.numbers.pAlive });
  });
  const daysPast = (p: Pattern) =>
    Math.floor((now.getTime() - storeDayStart(p.nextHighOn, timeZone).getTime()) / DAY);
  // Regular visitors whose visits have stopped, beside those overdue (or both at once).
  const rhythms = await visitRhythms(now, timeZone);
  const overdue = new Set(candidates.map((c) => c.customerId));
  await forEachLimit(
    [...rhythms.keys()].filter((id) => !overdue.has(id)),
    8,
    async (customerId) => {
      const insight = await latestInsight(customerId);
      if (insight) candidates.push({ customerId, patterns: [], pAlive: insight.numbers.pAlive });
    },
  );
  const signalled = candidates
    .map((c) => ({
      ...c,
      signal: earlyChurnSignal({
        overdueCategories: c.patterns.map((p) => ({
          categoryId: p.categoryId,
          daysPastInterval: daysPast(p),
        })),
        ...(rhythms.has(c.customerId) ? { visits: rhythms.get(c.customerId)! } : {}),
        pAlive: c.pAlive,
      }),
    }))
    .filter((c) => c.signal.raise);
  const mayContact = await allowing(
    signalled.map((c) => c.customerId),
    'marketing',
  );
  const refused = signalled.filter((c) => !mayContact.has(c.customerId));
  // Each missed interval is refused once, not again every hour it stays missed: a marker per would-be alert.
  let newlyRefused = 0;
  for (const c of refused) {
    try {
      await putItem(
        'stream_aggregates',
        {
          metric: 'early-churn:refused',
          bucket: c.patterns.length
            ? alertIdFor(c.customerId, worstOf(c.patterns))
            : visitAlertIdFor(c.customerId, now, timeZone),
          expiresAt: Math.floor(now.getTime() / 1000) + 90 * 86_400,
        },
        { condition: 'attribute_not_exists(metric)' },
      );
      newlyRefused++;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }
  countEnforcement('marketing', 'rejected', newlyRefused);
  let raised = 0;
  for (const c of signalled.filter((s) => mayContact.has(s.customerId))) {
    if (!c.patterns.length) {
      const v = rhythms.get(c.customerId)!;
      const created = await raiseAlert(
        {
          alertId: visitAlertIdFor(c.customerId, now, timeZone),
          kind: 'early_churn',
          severity: 'info',
          title: `${c.customerId} stopped visiting: ${v.last7Days} visits in 7 days, usually ${v.usualPerWeek.toFixed(1)} a week`,
          subject: c.customerId,
          customerId: c.customerId,
          explanation: {
            feature: c.signal.feature,
            expected: c.signal.expected,
            observed: `${c.signal.observed}; P(alive) ${Math.round(c.pAlive * 100)} %`,
            why: c.signal.why,
          },
        },
        now,
      );
      if (created) raised++;
      continue;
    }
    const worst = worstOf(c.patterns);
    const days = daysPast(worst);
    const created = await raiseAlert(
      {
        alertId: alertIdFor(c.customerId, worst),
        kind: 'early_churn',
        severity: days >= 14 ? 'warning' : 'info',
        title: `${c.customerId} is ${days} days past their ${worst.categoryId.replace(/^cat_/, '')} cycle`,
        subject: c.customerId,
        customerId: c.customerId,
        explanation: {
          feature: c.signal.feature,
          expected: `next ${worst.categoryId} purchase by ${worst.nextHighOn} (80 % interval ${worst.nextLowOn}–${worst.nextHighOn})`,
          observed: `no purchase since ${worst.lastPurchaseOn}; P(alive) ${Math.round(c.pAlive * 100)} %`,
          why: c.signal.why,
        },
      },
      now,
    );
    if (created) raised++;
  }
  return { overdue: candidates.length, raised, refusedForConsent: newlyRefused };
}
