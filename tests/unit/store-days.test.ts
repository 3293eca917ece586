import { describe, expect, it } from 'vitest';
import { customerFeatures } from '@/lib/analysis/features';
import { patternRows } from '@/lib/analysis/insight-store';
import { epochDay, purchaseDigest } from '@/lib/customers/purchase-digest';
import { createPrng } from '@/lib/math/prng';
import { epochDayToDay, storeDay, storeEpochDay } from '@/lib/time/store-time';

const NY = 'America/New_York';

describe('the store’s day as a number', () => {
  it('names the same day as storeDay, in any zone and across clock changes', () => {
    const rng = createPrng('store-epoch-day');
    const from = Date.parse('2025-10-20T00:00:00Z');
    const span = Date.parse('2026-04-10T00:00:00Z') - from;
    for (const zone of ['UTC', NY, 'Europe/Berlin', 'Asia/Tokyo', 'Asia/Kolkata', 'Pacific/Chatham']) {
      for (let i = 0; i < 400; i++) {
        const at = new Date(from + Math.floor(rng.uniform() * span));
        expect(epochDayToDay(storeEpochDay(at, zone)), `${at.toISOString()} ${zone}`).toBe(
          storeDay(at, zone),
        );
      }
    }
  });

  it('turns at the store’s midnight, not UTC’s', () => {
    // 23:59 on Sunday 8 November in New York is 04:59 UTC on Monday.
    expect(epochDayToDay(storeEpochDay('2026-11-09T04:59:00Z', NY))).toBe('2026-11-08');
    expect(epochDayToDay(storeEpochDay('2026-11-09T05:00:00Z', NY))).toBe('2026-11-09');
    expect(epochDayToDay(storeEpochDay('2026-11-09T04:59:00Z', 'UTC'))).toBe('2026-11-09');
  });
});

describe('purchase history in the store’s days', () => {
  const orders = [
    // Friday evening and late Friday night in New York: one trip, though two UTC days.
    { placedAt: '2026-11-06T22:00:00Z', totalMinor: 1_000, items: [{ categoryId: 'cat_dairy' }] },
    { placedAt: '2026-11-07T04:30:00Z', totalMinor: 500, items: [{ categoryId: 'cat_bakery' }] },
    // Saturday 8 days later, 23:30 in New York (Sunday in UTC).
    { placedAt: '2026-11-15T04:30:00Z', totalMinor: 2_000, items: [{ categoryId: 'cat_dairy' }] },
  ];

  it('counts orders on one of the store’s days as one trip', () => {
    expect(purchaseDigest(orders, NY)).toMatchObject({ days: [0, 8], spend: [1_500, 2_000] });
    expect(purchaseDigest(orders, 'UTC')).toMatchObject({ days: [0, 1, 9], spend: [1_000, 500, 2_000] });
  });

  it('dates the last purchase and the next one on the store’s calendar', () => {
    const digest = purchaseDigest(orders, NY)!;
    const asOf = epochDay('2026-11-20T03:00:00Z', NY); // 22:00 on the 19th in New York
    const f = customerFeatures(digest, asOf)!;
    expect(f.daysSinceLast).toBe(5); // from the 14th to the 19th
    const [row] = patternRows(
      'cus_1',
      digest.start,
      [
        {
          categoryId: 'cat_dairy',
          purchases: 2,
          cycleDays: 8,
          lowDays: 6,
          highDays: 10,
          ownWeight: 0.5,
          lastPurchaseDay: 8,
          overdue: false,
        },
      ],
      0.8,
      '2026-11-20T03:00:00.000Z',
    );
    expect(row).toMatchObject({
      lastPurchaseOn: '2026-11-14',
      nextOn: '2026-11-22',
      nextLowOn: '2026-11-20',
      nextHighOn: '2026-11-24',
    });
  });
});
