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
