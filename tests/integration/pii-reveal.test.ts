import { describe, expect, it } from 'vitest';
import { GET as getCustomerRoute } from '@/app/api/v1/customers/[customerId]/route';
import { GET as listCustomersRoute } from '@/app/api/v1/customers/route';
import { putItem } from '@/lib/db/items';
import { listAuditDay, listAuditForSubject } from '@/lib/privacy/audit/list-audit';
import { appendConsent } from '@/lib/privacy/consent/append-consent';
import { modelViewFor } from '@/lib/analysis/model-input';
import { purchaseDigest } from '@/lib/customers/purchase-digest';
import { pseudonymFor } from '@/lib/privacy/pseudonym';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { params, request, sessionCookie } from './support/http';
import { useTestStack } from './support/test-stack';

describe('revealing personal data', () => {
  useTestStack();

  it('is audited for roles that see it, naming the customer for a profile and only a count for a list', async () => {
    await putItem('customers', {
      customerId: 'cus_reveal',
      firstName: 'Rosa',
      lastName: 'Reveal',
      email: 'rosa@example.com',
      city: 'Leiden',
      postcode: '2311',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const as = async (role: 'privacy' | 'marketing') => ({ cookie: await sessionCookie(role) });
    const profile = (role: 'privacy' | 'marketing') =>
      as(role).then((headers) =>
        getCustomerRoute(
          request('/api/v1/customers/cus_reveal', { headers }),
          params({ customerId: 'cus_reveal' }),
        ),
      );

    const masked = await profile('marketing');
    expect(
      ((await masked.json()) as { customer: { displayName: string } }).customer.displayName,
    ).not.toContain('Rosa');
    expect(await listAuditForSubject('cus_reveal', 10)).toEqual([]);

    const shown = await profile('privacy');
    expect(((await shown.json()) as { customer: { email: string } }).customer.email).toBe('rosa@example.com');
    const entries = await listAuditForSubject('cus_reveal', 10);
    expect(entries.map((e) => [e.action, e.actor.id, e.details.where])).toEqual([
      ['pii.revealed', 'privacy@example.com', 'customer profile (API)'],
    ]);

    await listCustomersRoute(request('/api/v1/customers?q=rosa', { headers: await as('privacy') }));
    const today = await listAuditDay(new Date().toISOString().slice(0, 10), 10);
    const list = today.entries.find((e) => e.details.where === 'customer list (API)');
    expect(list?.details).toEqual({ where: 'customer list (API)', customers: 1 });
    expect(JSON.stringify(list)).not.toContain('rosa'); // neither the search text nor the customer
  });
});

describe('what the model sees', () => {
  useTestStack();

  it('is the pseudonym and behaviour only, and is sent only with ai_processing consent', async () => {
    const orders = (['2026-10-01', '2026-10-11', '2026-10-21'] as const).map((day, i) => ({
      orderId: `ord_model_${i + 1}`,
      customerId: 'cus_model',
      placedAt: `${day}T09:00:00.000Z`,
      currency: 'EUR',
      items: [
        { productId: 'p1', categoryId: 'cat_dairy', quantity: 3, unitPriceMinor: 100 },
        { productId: 'p2', categoryId: 'cat_wine', quantity: 1, unitPriceMinor: 100 },
      ],
      totalMinor: 400,
      status: 'completed',
      source: 'seed',
    }));
    for (const order of orders) await putItem('orders', order);
    await putItem('customers', {
      customerId: 'cus_model',
      firstName: 'Mila',
      lastName: 'Model',
      email: 'mila@example.com',
      city: 'Gouda',
      postcode: '2801',
      createdAt: '2026-01-01T00:00:00.000Z',
      segment: 'Loyal',
      purchases: purchaseDigest(orders, 'UTC'),
    });
    const view = async () => (await modelViewFor('cus_model'))!;
    const before = await view();
    expect(before.sent).toBe(false); // no consent recorded: opt-in defaults deny ai_processing
    expect(before.input?.features).toMatchObject({
      customer: pseudonymFor('cus_model'),
      orders: 3,
      ownAverageOrder: 4,
      categories: [
        { category: 'cat_dairy', purchases: 3, typicalGapDays: 10 },
        { category: 'cat_wine', purchases: 3, typicalGapDays: 10 },
      ],
    });
    expect(before.input?.features).not.toHaveProperty('segment'); // personalization not allowed either
    expect(before.input?.numbers).toBeNull();
    const text = JSON.stringify(before.input);
    for (const secret of ['cus_model', 'Mila', 'Model"', 'mila@example.com', 'Gouda', '2801', 'ord_model'])
      expect(text).not.toContain(secret);

    await appendConsent({
      customerId: 'cus_model',
      changes: { personalization: true, ai_processing: true },
      policyVersion: '1',
      noticeText: 'notice',
      source: 'officer',
      actor: { kind: 'user', id: 'privacy@example.com' },
      gpc: false,
    });
    const after = await view();
    expect(after.sent).toBe(true);
    expect(after.input?.features.segment).toBe('Loyal');
    await closeEventPublisher();
  });
});
