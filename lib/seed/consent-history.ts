import type { ConsentChanges } from '../privacy/consent/consent-entry';
import { derivePrng } from '../math/prng';

/** A consent choice the demo customer made, before it is chained into their ledger. */
export interface SeedConsentChoice {
  at: string;
  changes: ConsentChanges;
  policyVersion: string;
  notice: string;
  gpc: boolean;
}

/** The privacy notices of the demo retailer, by the date they took effect. */
const SEED_POLICIES = [
  {
    version: '2024-06',
    from: '2000-01-01',
    notice:
      'We keep your orders to deliver them. With your permission we also study how the shop is used (analytics), ' +
      'tailor offers to what you buy (personalization), and send you offers by e-mail (marketing).',
  },
  {
    version: '2025-09',
    from: '2025-09-01',
    notice:
      'We keep your orders to deliver them. With your permission we also study how the shop is used (analytics), ' +
      'tailor offers to what you buy (personalization), let an AI service summarise your shopping patterns from ' +
      'pseudonymized data (AI processing), and send you offers by e-mail (marketing).',
  },
] as const;

function policyAt(at: string): (typeof SEED_POLICIES)[number] {
  return [...SEED_POLICIES].reverse().find((p) => at >= p.from) ?? SEED_POLICIES[0];
}

const DAY = 86_400_000;

/**
 * A believable consent history for one demo customer: a first choice at their first purchase (most allow analytics,
 * fewer personalization, fewer still AI processing and marketing; a few browsers send Global Privacy Control), then
 * for some a re-consent when the policy changed, and for some a later withdrawal or a late yes. Deterministic per
 * seed and customer.
 */
export function generateConsentHistory(
  seed: string,
  customerId: string,
  createdAt: string,
  end: Date,
): SeedConsentChoice[] {
  const rng = derivePrng(seed, 'consent', customerId);
  const choices: SeedConsentChoice[] = [];
  const at0 = createdAt;
  const policy0 = policyAt(at0);
  const analytics = rng.bernoulli(0.86);
  const personalization = rng.bernoulli(analytics ? 0.68 : 0.2);
  const aiOffered = policy0.version !== '2024-06';
  const gpc = rng.bernoulli(0.05);
  choices.push({
    at: at0,
    changes: {
      analytics,
      personalization,
      ...(aiOffered ? { ai_processing: personalization && rng.bernoulli(0.55) } : {}),
      marketing: !gpc && rng.bernoulli(0.34),
    },
    policyVersion: policy0.version,
    notice: policy0.notice,
    gpc,
  });
  const start = Date.parse(createdAt);
  const span = end.getTime() - start;
  if (span < 2 * DAY) return choices;
  const later = (from: number) => new Date(from + rng.uniform() * (end.getTime() - from)).toISOString();

  // Customers who signed up before the AI clause are asked again once it exists; about half answer.
  const newPolicy = SEED_POLICIES[1];
  const newFrom = Date.parse(newPolicy.from);
  if (!aiOffered && end.getTime() > newFrom && rng.bernoulli(0.5)) {
    choices.push({
      at: later(Math.max(start, newFrom)),
      changes: { ai_processing: personalization && rng.bernoulli(0.5) },
      policyVersion: newPolicy.version,
      notice: newPolicy.notice,
      gpc: false,
    });
  }
  // Some change their mind later: mostly withdrawing marketing, sometimes personalization; a few say yes late.
  if (rng.bernoulli(0.18)) {
    const at = later(Date.parse(choices.at(-1)!.at) + DAY);
    const policy = policyAt(at);
    const roll = rng.uniform();
    const changes: ConsentChanges =
      roll < 0.45
        ? { marketing: false }
        : roll < 0.7
          ? { personalization: false, ai_processing: false }
          : roll < 0.85
            ? { analytics: false, personalization: false, ai_processing: false, marketing: false }
            : { personalization: true };
    choices.push({ at, changes, policyVersion: policy.version, notice: policy.notice, gpc: false });
  }
  return choices.sort((a, b) => a.at.localeCompare(b.at));
}
