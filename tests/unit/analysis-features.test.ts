import { describe, expect, it } from 'vitest';
import { customerFeatures } from '@/lib/analysis/features';
import { epochDay, purchaseDigest } from '@/lib/customers/purchase-digest';

const order = (placedAt: string, totalMinor: number, ...categories: string[]) => ({
  placedAt,
  totalMinor,
  items: categories.map((categoryId) => ({ categoryId })),
});

describe('purchase digest and features', () => {
  const orders = [
    order('2026-01-05T10:00:00Z', 2_000, 'cat_dairy', 'cat_bakery'),
    order('2026-01-05T18:00:00Z', 500, 'cat_snacks'), // same day: one trip
    order('2026-01-12T09:00:00Z', 3_000, 'cat_dairy'),
    order('2026-01-26T09:00:00Z', 4_000, 'cat_dairy', 'cat_bakery'),
  ];
  const digest = purchaseDigest(orders, 'UTC')!;

  it('counts orders on one day as one purchase and keeps each category’s days', () => {
    expect(digest.days).toEqual([0, 7, 21]);
    expect(digest.spend).toEqual([2_500, 3_000, 4_000]);
    expect(digest.categories.cat_dairy).toEqual([0, 1, 2]);
    expect(digest.categories.cat_snacks).toEqual([0]);
  });

  it('summarises repeat purchases in weeks, spend of the repeats, and each category’s gaps', () => {
    const f = customerFeatures(digest, epochDay('2026-02-09T00:00:00Z', 'UTC'))!;
    expect(f.x).toBe(2);
    expect(f.tx).toBe(3); // the last purchase 21 days after the first
    expect(f.T).toBe(5); // observed for 35 days
    expect(f.mean).toBe(3_500); // the first purchase is not a repeat
    expect(f.daysSinceLast).toBe(14);
    const dairy = f.categories.find((c) => c.categoryId === 'cat_dairy')!;
    expect(dairy.intervals).toEqual([7, 14]);
    expect(dairy.daysSinceLast).toBe(14);
    expect(f.categories.find((c) => c.categoryId === 'cat_bakery')!.intervals).toEqual([21]);
  });

  it('cuts the history at any day, as the backtest needs', () => {
    const cut = customerFeatures(digest, epochDay('2026-01-20T00:00:00Z', 'UTC'))!;
    expect(cut.x).toBe(1);
    expect(cut.T).toBe(15 / 7);
    expect(cut.categories.find((c) => c.categoryId === 'cat_dairy')!.intervals).toEqual([7]);
    expect(customerFeatures(digest, epochDay('2026-01-01T00:00:00Z', 'UTC'))).toBeUndefined();
  });
});
