import type { Analyzer } from './analyzers/analyzer';
import { getCustomerItem } from '../customers/get-customer';
import { analyzeCustomer, type AnalyzeOutcome } from './analyze-customer';
import { whyStale } from './get-insights';
import { latestInsight } from './insight-store';

/**
 * A real-time refresh: only when the customer's insight is missing, expired or older than their last order. Two
 * reads decide; consent is asked by the analysis itself (which refuses without personalization).
 */
export async function refreshIfStale(
  customerId: string,
  analyzer: Analyzer,
): Promise<AnalyzeOutcome | { status: 'fresh' }> {
  const [insight, customer] = await Promise.all([latestInsight(customerId), getCustomerItem(customerId)]);
  if (!customer) return { status: 'not_found' };
  if (insight && whyStale(insight, customer) === null) return { status: 'fresh' };
  return analyzeCustomer(customerId, 'refresh', analyzer);
}
