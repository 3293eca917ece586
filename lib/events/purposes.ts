/** The consent purposes (docs/privacy.md "Purposes and defaults"): one list, used everywhere. */
export const PURPOSES = ['essential', 'analytics', 'personalization', 'ai_processing', 'marketing'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** What each purpose allows, as shown to privacy officers and in docs/events.md. */
export const PURPOSE_ALLOWS: Record<Purpose, string> = {
  essential: 'order processing and security; always on, cannot be withdrawn',
  analytics: 'storing behavioural events and counting them in aggregates',
  personalization: 'per-customer insights, predictions, segments used for targeting',
  ai_processing: 'sending pseudonymized features to an external language model',
  marketing: 'proactive outreach and alerts that lead to contacting the customer',
};
