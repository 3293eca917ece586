import type { AnalyzerFeatures, InsightNumbers } from './analyzers/analyzer';
import { getConfig } from '../config';
import { storeEpochDay } from '../time/store-time';
import { analyzerFeatures } from './build-insights';
import { customerFeatures } from './features';
import { latestInsight } from './insight-store';
import { getCustomerItem } from '../customers/get-customer';
import { mayUse } from '../privacy/consent/may-use';
import { pseudonymFor } from '../privacy/pseudonym';

/**
 * What leaves the system about a customer when an external language model explains their insight: exactly the
 * analyzer input the analysis builds (lib/analysis/build-insights.ts) — their pseudonym, behavioural features and
 * the models' numbers — never their id, name, e-mail or address. The Privacy page shows it as "what the model sees".
 */
export interface ModelInput {
  features: AnalyzerFeatures;
  /** The numbers of their latest insight (what the model would be asked to explain); null before any analysis. */
  numbers: InsightNumbers | null;
  mayContact: boolean;
}

export interface ModelView {
  /** personalization and ai_processing allowed: the input is sent; otherwise nothing leaves and `input` shows what would have. */
  sent: boolean;
  reason: string;
  input: ModelInput | null;
  /** What is held but never sent. */
  withheld: string[];
}

/** The pseudonymized payload for one customer, as of `asOf`; null for an unknown customer. */
async function modelInputFor(customerId: string, asOf = new Date()): Promise<ModelInput | null> {
  const [customer, personalization, marketing, latest] = await Promise.all([
    getCustomerItem(customerId, { consistent: true }),
    mayUse(customerId, 'personalization'),
    mayUse(customerId, 'marketing'),
    latestInsight(customerId),
  ]);
  if (!customer) return null;
  const { STORE_TIMEZONE: timeZone, STORE_CURRENCY: currency } = getConfig();
  const f = customer.purchases && customerFeatures(customer.purchases, storeEpochDay(asOf, timeZone));
  const features: AnalyzerFeatures = f
    ? analyzerFeatures(customer, f, currency)
    : {
        customer: pseudonymFor(customerId),
        orders: 0,
        weeksSinceFirstOrder: 0,
        weeksSinceLastOrder: 0,
        ownAverageOrder: 0,
        categories: [],
      };
  // The segment is personalization data: without that consent it is not even shown as a candidate.
  if (!personalization) delete features.segment;
  return { features, numbers: personalization ? (latest?.numbers ?? null) : null, mayContact: marketing };
}

/** The Privacy page's "what the model sees": the input, and whether consent lets it leave. */
export async function modelViewFor(customerId: string): Promise<ModelView | null> {
  const input = await modelInputFor(customerId);
  if (!input) return null;
  const [ai, personalization] = await Promise.all([
    mayUse(customerId, 'ai_processing'),
    mayUse(customerId, 'personalization'),
  ]);
  const sent = ai && personalization;
  return {
    sent,
    reason: sent
      ? 'The customer allows personalization and ai_processing: this is all an external model receives.'
      : !personalization
        ? 'The customer does not allow personalization: they are not analysed at all, and nothing is sent.'
        : 'The customer does not allow ai_processing: nothing is sent; the statistical analyzer writes their insight here instead.',
    input,
    withheld: [
      'customer id',
      'first and last name',
      'e-mail',
      'city',
      'postcode',
      'order ids',
      'exact order times',
    ],
  };
}
