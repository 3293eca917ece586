import type { Analyzer } from '../ai/analyzer';
import { analyzeCustomer, type AnalyzeOutcome } from './analyze-customer';
import { getInsights } from './get-insights';

/** A real-time refresh: only when the customer's insight is missing, expired or older than their last order. */
export async function refreshIfStale(
  customerId: string,
  analyzer: Analyzer,
): Promise<AnalyzeOutcome | { status: 'fresh' }> {
  const view = await getInsights(customerId, 1);
  if (view.status === 'not_found') return view;
  if (view.status === 'refused') return view;
  if (view.insight && !view.stale) return { status: 'fresh' };
  return analyzeCustomer(customerId, 'refresh', analyzer);
}
