import { getConfig } from '../../config';
import type { ConsentState } from './consent-entry';

/**
 * What a customer with no ledger entry has: `essential` always; the opt-in purposes only when CONSENT_DEFAULT_GRANTED
 * names them (empty by default: opt-in means denied until the customer says yes).
 */
export function defaultConsent(): ConsentState {
  const granted = new Set((getConfig().CONSENT_DEFAULT_GRANTED ?? '').split(',').filter(Boolean));
  return {
    essential: true,
    analytics: granted.has('analytics'),
    personalization: granted.has('personalization'),
    ai_processing: granted.has('ai_processing'),
    marketing: granted.has('marketing'),
  };
}
