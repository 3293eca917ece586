import { describe, expect, it } from 'vitest';
import { chainLedger } from '@/lib/privacy/consent/put-consent-ledgers';
import { consentBody, consentGenesis } from '@/lib/privacy/consent/consent-entry';
import { findBrokenLink } from '@/lib/privacy/hash-chain';
import { generateConsentHistory } from '@/lib/seed/consent-history';

const END = new Date('2026-11-01T00:00:00.000Z');
const customers = Array.from({ length: 2000 }, (_, i) => ({
  customerId: `cus_${String(i).padStart(6, '0')}`,
  createdAt: new Date(Date.parse('2024-11-01T00:00:00.000Z') + i * 9 * 3_600_000).toISOString(),
}));

describe('demo consent histories', () => {
  const ledgers = customers.map((c) =>
    chainLedger(
      c.customerId,
      generateConsentHistory('test-seed', c.customerId, c.createdAt, END),
      'seed',
      'system:seed',
    ),
  );
  const share = (purpose: 'analytics' | 'personalization' | 'ai_processing' | 'marketing') =>
    ledgers.filter((l) => l.at(-1)!.state[purpose]).length / ledgers.length;

  it('grant analytics most often, then personalization, then AI processing and marketing', () => {
    expect(share('analytics')).toBeGreaterThan(0.75);
    expect(share('personalization')).toBeGreaterThan(0.4);
    expect(share('personalization')).toBeLessThan(share('analytics'));
    expect(share('ai_processing')).toBeLessThan(share('personalization'));
    expect(share('marketing')).toBeLessThan(0.4);
    expect(share('marketing')).toBeGreaterThan(0.1);
  });

  it('include later withdrawals and re-consents, GPC withdraws marketing, and every ledger chains', () => {
    const multi = ledgers.filter((l) => l.length > 1);
    expect(multi.length / ledgers.length).toBeGreaterThan(0.15);
    expect(ledgers.some((l) => l.slice(1).some((e) => Object.values(e.changes).includes(false)))).toBe(true);
    const gpc = ledgers.flat().filter((e) => e.gpc);
    expect(gpc.length).toBeGreaterThan(0);
    expect(gpc.every((e) => e.state.marketing === false)).toBe(true);
    for (const ledger of ledgers) {
      expect(ledger.map((e) => e.at)).toEqual(ledger.map((e) => e.at).sort());
      expect(findBrokenLink(ledger, consentGenesis(ledger[0]!.customerId), consentBody)).toBeNull();
    }
  });

  it('are the same for the same seed, and differ for another', () => {
    const again = generateConsentHistory('test-seed', 'cus_000042', customers[42]!.createdAt, END);
    expect(again).toEqual(generateConsentHistory('test-seed', 'cus_000042', customers[42]!.createdAt, END));
    const others = customers
      .slice(0, 50)
      .map((c) => JSON.stringify(generateConsentHistory('other-seed', c.customerId, c.createdAt, END)));
    const ours = customers
      .slice(0, 50)
      .map((c) => JSON.stringify(generateConsentHistory('test-seed', c.customerId, c.createdAt, END)));
    expect(others).not.toEqual(ours);
  });
});
