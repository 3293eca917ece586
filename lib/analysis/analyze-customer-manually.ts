import { analyzeCustomer, type AnalyzeOutcome } from './analyze-customer';
import { getAnalyzer } from './analyzers/get-analyzer';

/**
 * Analyses the customer now because someone asked (the API, the dashboard), whatever the age of their insight, with
 * the product's default analyzer. Which analyzer runs is this service's decision, not the caller's.
 */
export async function analyzeCustomerManually(customerId: string): Promise<AnalyzeOutcome> {
  return analyzeCustomer(customerId, 'manual', getAnalyzer());
}
