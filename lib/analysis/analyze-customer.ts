import type { Analyzer } from './analyzers/analyzer';
import { getConfig } from '../config';
import { getCustomerItem } from '../customers/get-customer';
import { chooseAnalyzerVariant } from '../experiments/choose-analyzer-variant';
import { recordAnalysisObservations } from '../experiments/record-analysis-observations';
import { forgetConsent, getConsent } from '../privacy/consent/get-consent';
import { countEnforcement } from '../privacy/consent/may-use';
import { buildInsights } from './build-insights';
import { putInsights, type Insight } from './insight-store';
import { currentModel } from './model-store';
import { conflict, notFound, unprocessable } from '../errors/domain-error';
import { getAnalyzer } from './analyzers/get-analyzer';
import { listRuns } from './runs/run';

export type AnalyzeOutcome =
  | { status: 'analysed'; insight: Insight }
  | { status: 'not_found' }
  | { status: 'refused'; reason: string }
  | { status: 'no_orders' }
  | { status: 'no_model' };

/**
 * Analyses one customer now with the current population models (a real-time refresh or an explicit request):
 * personalization consent is required for any insight; a language model is only used with ai_processing consent.
 * A customer in a running experiment is analysed by their variant's analyzer, and the analysis is recorded as an
 * observation of the experiment once stored (lib/experiments/record-analysis-observations.ts).
 */
export async function analyzeCustomer(
  customerId: string,
  trigger: Extract<Insight['trigger'], 'refresh' | 'manual'>,
  analyzer: Analyzer,
  now = new Date(),
): Promise<AnalyzeOutcome> {
  const [customer, consent, model] = await Promise.all([
    getCustomerItem(customerId, { consistent: true }),
    getConsent(customerId),
    currentModel(),
  ]);
  if (!customer) return { status: 'not_found' };
  if (!consent.state.personalization) {
    countEnforcement('personalization', 'rejected');
    return { status: 'refused', reason: 'The customer does not allow personalization, which insights need.' };
  }
  if (!model) return { status: 'no_model' };
  const built = await buildInsights(
    [customer],
    {
      aiAllowed: new Set(consent.state.ai_processing ? [customerId] : []),
      mayContact: new Set(consent.state.marketing ? [customerId] : []),
    },
    {
      model,
      asOf: now,
      analyzer,
      // A running experiment that targets the customer chooses their analyzer (assigning them on first ask).
      chooseVariant: (c) => chooseAnalyzerVariant(c),
      trigger,
      ttlHours: getConfig().INSIGHT_TTL_HOURS,
      concurrency: 1,
    },
  );
  const insight = built.insights[0];
  if (!insight) return { status: 'no_orders' };
  // A language model call takes seconds: consent is asked afresh before anything is stored.
  forgetConsent(customerId);
  if (!(await getConsent(customerId)).state.personalization)
    return { status: 'refused', reason: 'The customer withdrew personalization while being analysed.' };
  await putInsights(built.insights, built.patterns);
  await recordAnalysisObservations(built.insights);
  return { status: 'analysed', insight };
}

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
