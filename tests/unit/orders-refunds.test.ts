import { afterEach, describe, expect, it } from 'vitest';
import { customerFeatures } from '@/lib/analysis/features';
import { resetConfig } from '@/lib/config';
import { epochDay, purchaseDigest } from '@/lib/customers/purchase-digest';
import { parseEvent } from '@/lib/events';
import { netMinor, orderSchema, type Order, type Refund } from '@/lib/orders/order';
import { refundEvent } from '@/lib/orders/refund-event';
import { refundOrderRequestSchema } from '@/lib/orders/refund-order-request';
import { refundOutcome, refundProblem } from '@/lib/orders/refund-rules';

afterEach(() => {
  delete process.env.STORE_CURRENCY;
  resetConfig();
});

const refund = (refundId: string, amountMinor: number, items?: Refund['items']): Refund => ({
  refundId,
  at: '2026-03-16T10:00:00.000Z',
  amountMinor,
  ...(items ? { items } : {}),
  source: 'api',
});

/** 2 × milk at 1.19 on two lines (one and one), 1 × coffee at 6.49: 8.87 in all. */
function order(refunds: Refund[] = []): Order {
  return orderSchema.parse({
    orderId: 'ord_1',
    customerId: 'cus_1',
    placedAt: '2026-03-14T09:00:00.000Z',
    currency: 'EUR',
    items: [
      { productId: 'prd_milk', categoryId: 'cat_dairy', quantity: 1, unitPriceMinor: 119 },
      { productId: 'prd_coffee', categoryId: 'cat_coffee', quantity: 1, unitPriceMinor: 649 },
      { productId: 'prd_milk', categoryId: 'cat_dairy', quantity: 1, unitPriceMinor: 119 },
    ],
    totalMinor: 887,
    ...(refunds.length ? { refunds, refundedMinor: refunds.reduce((s, r) => s + r.amountMinor, 0) } : {}),
    status: 'completed',
    source: 'storefront',
  });
}

describe('an order’s net value', () => {
  it('is its total less its refunds, and the total when nothing was refunded', () => {
    expect(netMinor(order())).toBe(887);
    expect(netMinor(order([refund('r1', 119), refund('r2', 200)]))).toBe(568);
    expect(netMinor(order([refund('r1', 887)]))).toBe(0);
  });

  it('refuses an order refunded above its total', () => {
    expect(() => order([refund('r1', 500), refund('r2', 388)])).toThrow(/more than its total/);
  });
});

describe('what a refund may take', () => {
  it('takes at most what is left, and says how much that is', () => {
    const o = order([refund('r1', 700)]);
    expect(refundProblem(o, { amountMinor: 187 })).toBeUndefined();
    expect(refundProblem(o, { amountMinor: 188 })).toBe(
      'A refund of 1.88 EUR exceeds what is left on order ord_1: 1.87 EUR (total 8.87 EUR, refunded 7.00 EUR).',
    );
  });

  it('returns only units the order sold (over all its lines) and that did not come back yet', () => {
    const o = order([refund('r1', 119, [{ productId: 'prd_milk', categoryId: 'cat_dairy', quantity: 1 }])]);
    expect(refundProblem(o, { amountMinor: 119, items: [{ productId: 'prd_milk', quantity: 1 }] })).toBe(
      undefined,
    );
    expect(refundProblem(o, { amountMinor: 119, items: [{ productId: 'prd_milk', quantity: 2 }] })).toBe(
      'Order ord_1 sold 2 of prd_milk and 1 came back already; 2 more cannot be returned.',
    );
    expect(refundProblem(o, { amountMinor: 1, items: [{ productId: 'prd_tea', quantity: 1 }] })).toBe(
      'Order ord_1 has no line for product prd_tea.',
    );
  });

  it('answers each refund with the order’s money as it stood right after it, however often asked', () => {
    const o = order([refund('r1', 119), refund('r2', 649)]);
    expect(refundOutcome(o, 'r1').order).toEqual({
      orderId: 'ord_1',
      currency: 'EUR',
      totalMinor: 887,
      refundedMinor: 119,
      netMinor: 768,
      total: '8.87',
      refunded: '1.19',
      net: '7.68',
    });
    expect(refundOutcome(o, 'r2').order).toMatchObject({ refundedMinor: 768, netMinor: 119, net: '1.19' });
    expect(refundOutcome(o, 'r2').refund).toMatchObject({ refundId: 'r2', amountMinor: 649, amount: '6.49' });
  });

  it('becomes an order_refunded event that carries the refunds so far and the order’s week', () => {
    const e = refundEvent(order([refund('r1', 119), refund('r2', 649)]), 'r2');
    expect(parseEvent(e).ok).toBe(true);
    expect(e.properties).toMatchObject({
      amountMinor: 649,
      totalRefundedMinor: 768,
      orderTotalMinor: 887,
      placedAt: '2026-03-14T09:00:00.000Z',
    });
    // The same refund always gets the same id, so a second publish is a duplicate.
    expect(refundEvent(order([refund('r1', 119), refund('r2', 649)]), 'r2').eventId).toBe(e.eventId);
    expect(refundEvent(order([refund('r1', 119)]), 'r1').eventId).not.toBe(e.eventId);
  });
});

describe('a refund request', () => {
  const parse = (body: unknown) => refundOrderRequestSchema.safeParse(body);

  it('reads the amount with the store currency’s decimals', () => {
    expect(parse({ refundId: 'r1', amount: '12.50' }).data?.amountMinor).toBe(1250);
    process.env.STORE_CURRENCY = 'JPY';
    resetConfig();
    expect(parse({ refundId: 'r1', amount: '1500' }).data?.amountMinor).toBe(1500);
    const yen = parse({ refundId: 'r1', amount: '15.5' });
    expect(yen.error?.issues[0]).toMatchObject({
      path: ['amount'],
      message: '"15.5" has decimals, but JPY has no minor unit',
    });
  });

  it('wants exactly one amount, above zero, and each returned product once', () => {
    expect(parse({ amount: '1.00', amountMinor: 100 }).success).toBe(false);
    expect(parse({ refundId: 'r1' }).success).toBe(false);
    expect(parse({ amount: '0.00' }).error?.issues[0]?.path).toEqual(['amount']);
    expect(parse({ amountMinor: 12.5 }).success).toBe(false);
    const twice = parse({
      amountMinor: 100,
      items: [
        { productId: 'p', quantity: 1 },
        { productId: 'p', quantity: 1 },
      ],
    });
    expect(twice.error?.issues[0]?.message).toBe('list each product once');
  });
});

describe('the purchase digest is net of refunds', () => {
  it('counts what the customer kept; an order refunded in full is still a trip, worth nothing', () => {
    const digest = purchaseDigest(
      [
        {
          placedAt: '2026-01-05T10:00:00Z',
          totalMinor: 2_000,
          refundedMinor: 500,
          items: [{ categoryId: 'a' }],
        },
        {
          placedAt: '2026-01-12T10:00:00Z',
          totalMinor: 3_000,
          refundedMinor: 3_000,
          items: [{ categoryId: 'a' }],
        },
        { placedAt: '2026-01-19T10:00:00Z', totalMinor: 4_000, items: [{ categoryId: 'a' }] },
      ],
      'UTC',
    )!;
    expect(digest.days).toEqual([0, 7, 14]);
    expect(digest.spend).toEqual([1_500, 0, 4_000]);
    // Average spend of the repeats (what CLV multiplies) is net: (0 + 4000) / 2, not (3000 + 4000) / 2.
    const f = customerFeatures(digest, epochDay('2026-02-01T00:00:00Z', 'UTC'))!;
    expect(f.x).toBe(2);
    expect(f.mean).toBe(2_000);
  });
});
