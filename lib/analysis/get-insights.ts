import type { CustomerItem } from '../customers/customer';
import { getCustomerItem } from '../customers/get-customer';
import { mayUse } from '../privacy/consent/may-use';
import { customerPatterns, insightHistory, type Insight, type Pattern } from './insight-store';

export interface InsightHistoryEntry {
  version: string;
  createdAt: string;
  trigger: Insight['trigger'];
  analyzer: Insight['analyzer'];
  pAlive: number;
  churnLevel: Insight['numbers']['churnLevel'];
  /** In `currency`. */
  clvMean: number;
  currency: string;
}

export type InsightsView =
  | { status: 'not_found' }
  | { status: 'refused'; reason: string }
  | {
      status: 'ok';
      /** Absent when the customer has never been analysed. */
      insight: Insight | null;
      ageSeconds: number | null;
      stale: boolean;
      staleReason: 'expired' | 'new_order' | null;
      patterns: Pattern[];
      history: InsightHistoryEntry[];
    };

/** Why an insight no longer describes the customer: an order came after it, or it expired; null while current. */
export function whyStale(
  insight: Insight,
  customer: Pick<CustomerItem, 'lastOrderAt'>,
  now = new Date(),
): 'expired' | 'new_order' | null {
  if (customer.lastOrderAt && customer.lastOrderAt > (insight.basedOnLastOrderAt ?? '')) return 'new_order';
  return Date.parse(insight.expiresAt) <= now.getTime() ? 'expired' : null;
}

/**
 * The cached insight with its age and whether it is stale (expired, or an order came after it), the customer's
 * category patterns and a short history. Nothing without personalization consent, even if an insight is stored
 * (a withdrawal's clean-up may still be on its way).
 */
export async function getInsights(
  customerId: string,
  historyLimit = 10,
  now = new Date(),
): Promise<InsightsView> {
  const [customer, allowed, history] = await Promise.all([
    getCustomerItem(customerId),
    mayUse(customerId, 'personalization'),
    insightHistory(customerId, historyLimit),
  ]);
  if (!customer) return { status: 'not_found' };
  if (!allowed)
    return { status: 'refused', reason: 'The customer does not allow personalization, which insights need.' };
  const insight = history[0] ?? null;
  // Only the categories the latest insight predicts: other rows are left over from an earlier analysis (a category
  // no longer bought, a customer who has since lapsed).
  const predicted = new Set(insight?.numbers.nextPurchases.map((p) => p.category));
  const patterns = insight
    ? (await customerPatterns(customerId)).filter((p) => predicted.has(p.categoryId))
    : [];
  const staleReason = insight ? whyStale(insight, customer, now) : null;
  return {
    status: 'ok',
    insight,
    ageSeconds: insight
      ? Math.max(0, Math.round((now.getTime() - Date.parse(insight.createdAt)) / 1000))
      : null,
    stale: staleReason !== null,
    staleReason,
    patterns,
    history: history.map((i) => ({
      version: i.version,
      createdAt: i.createdAt,
      trigger: i.trigger,
      analyzer: i.analyzer,
      pAlive: i.numbers.pAlive,
      churnLevel: i.numbers.churnLevel,
      clvMean: i.numbers.clv.mean,
      currency: i.numbers.currency,
    })),
  };
}
