import { getConfig } from '../../config';
import { queryItems, scanItems } from '../../db/items';
import { consentEntrySchema, type ConsentEntry } from './consent-entry';
import { consentTrend, OPT_IN_PURPOSES, type OptInPurpose, type TrendPoint } from './consent-trend';
import { ENFORCEMENT_METRIC } from './may-use';

export interface ConsentOverview {
  trend: TrendPoint[];
  /** What consent refused so far, per purpose. */
  enforcement: Record<OptInPurpose, { rejected: number; stripped: number }>;
}

// The trend needs every ledger (one scan); officers look at it now and then, so it is shared for a while.
const FRESH_MS = 30_000;
let cached: { at: number; weeks: number; value: Promise<ConsentOverview> } | undefined;

async function load(weeks: number): Promise<ConsentOverview> {
  const byCustomer = new Map<string, ConsentEntry[]>();
  for (const item of await scanItems('consent')) {
    const entry = consentEntrySchema.safeParse(item);
    if (!entry.success) continue;
    const list = byCustomer.get(entry.data.customerId) ?? [];
    list.push(entry.data);
    byCustomer.set(entry.data.customerId, list);
  }
  const ledgers = [...byCustomer.values()].map((l) => l.sort((a, b) => a.seq.localeCompare(b.seq)));
  const enforcement = Object.fromEntries(
    OPT_IN_PURPOSES.map((p) => [p, { rejected: 0, stripped: 0 }]),
  ) as ConsentOverview['enforcement'];
  const counts = await queryItems('consent_aggregates', {
    keyCondition: 'metric = :m',
    values: { ':m': ENFORCEMENT_METRIC },
  });
  for (const row of counts) {
    const [purpose, outcome] = String(row.bucket).split(':') as [OptInPurpose, 'rejected' | 'stripped'];
    if (enforcement[purpose] && (outcome === 'rejected' || outcome === 'stripped'))
      enforcement[purpose][outcome] = Number(row.count ?? 0);
  }
  return { trend: consentTrend(ledgers, weeks, getConfig().STORE_TIMEZONE), enforcement };
}

/** Opt-in rates per purpose over `weeks` weeks, and the enforcement counts (privacy dashboard). */
export function getConsentOverview(weeks: number): Promise<ConsentOverview> {
  if (!cached || cached.weeks !== weeks || Date.now() - cached.at > FRESH_MS) {
    const value = load(weeks);
    cached = { at: Date.now(), weeks, value };
    value.catch(() => (cached = undefined));
  }
  return cached.value;
}
