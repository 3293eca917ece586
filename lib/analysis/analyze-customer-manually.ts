import { conflict, notFound, unprocessable } from '../errors/domain-error';
import { analyzeCustomer } from './analyze-customer';
import { getAnalyzer } from './analyzers/get-analyzer';
import type { Insight } from './insight-store';
import { listRuns } from './runs/run';

/**
 * Analyses the customer now because someone asked (the API, the dashboard), whatever the age of their insight, with
 * the product's default analyzer, and answers with the new insight. What stands in the way is said as a DomainError
 * the caller can act on: no such customer, no consent or no orders (unprocessable), or models not fitted yet
 * (conflict, saying whether the first run is still going or failed).
 */
export async function analyzeCustomerManually(customerId: string): Promise<Insight> {
  const outcome = await analyzeCustomer(customerId, 'manual', getAnalyzer());
  switch (outcome.status) {
    case 'analysed':
      return outcome.insight;
    case 'not_found':
      throw notFound(`No customer ${customerId}.`);
    case 'refused':
      throw unprocessable(outcome.reason);
    case 'no_orders':
      throw unprocessable(`Customer ${customerId} has no orders yet: there is nothing to analyse.`);
    case 'no_model': {
      const [latest] = (await listRuns(1)).runs;
      throw conflict(
        latest?.status === 'failed'
          ? `The population models have not been fitted: the last analysis run failed (${latest.error ?? 'no reason recorded'}).`
          : latest
            ? 'The population models have not been fitted yet: the first analysis run is still going (GET /api/v1/analysis/runs).'
            : 'The population models have not been fitted yet: start an analysis run (POST /api/v1/analysis/runs).',
      );
    }
  }
}
