import { describe, expect, it } from 'vitest';
import { analyzerConfigSchema, describeAnalyzerConfig } from '@/lib/analysis/analyzers/analyzer-config';
import { analyzerFor } from '@/lib/analysis/analyzers/get-analyzer';
import { customerNumbers } from '@/lib/analysis/customer-numbers';
import { customerFeatures } from '@/lib/analysis/features';
import { predictNextPurchase } from '@/lib/analysis/models/replenishment';
import { fitPopulationModel } from '@/lib/analysis/population-model';
import { epochDay, purchaseDigest } from '@/lib/customers/purchase-digest';
import { epochDayToDay } from '@/lib/time/store-time';
import { createPrng } from '@/lib/math/prng';
import { generateCustomerHistories } from '@/lib/seed/generate';

/**
 * The analyzer knob `timing`: a statistical analyzer's next-purchase windows from the category timing model (the
 * default, the product's) or from the model before it (the gap from the last purchase), so that an experiment can
 * compare two analyzers whose predictions differ.
 */
const END = new Date('2026-11-23T00:00:00Z');
const day = epochDay('2026-10-01T00:00:00Z', 'UTC');
const asOf = epochDayToDay(day);
const features = [...generateCustomerHistories({ seed: 'timing-knob', customers: 400, end: END })].flatMap(
  (h) => customerFeatures(purchaseDigest(h.orders, 'UTC')!, day) ?? [],
);
const model = fitPopulationModel(features, asOf, 'EUR');
const numbers = (f: (typeof features)[number], timing?: 'category' | 'gap') =>
  customerNumbers(model, f, asOf, createPrng(`knob:${asOf}`), { currency: 'EUR', timing }).numbers;

describe('the timing knob of the statistical analyzer', () => {
  it('gap: the window is the gap’s window from the last purchase minus the days since it, with no horizon', () => {
    let checked = 0;
    let differ = 0;
    for (const f of features) {
      const gap = numbers(f, 'gap').nextPurchases;
      const category = numbers(f).nextPurchases;
      for (const p of gap) {
        const c = f.categories.find((x) => x.categoryId === p.category)!;
        const before = predictNextPurchase(model.rhythms[p.category]!, c.intervals, 0.8);
        expect(p.lowDays).toBeCloseTo(before.low - c.daysSinceLast, 0);
        expect(p.highDays).toBeCloseTo(before.high - c.daysSinceLast, 0);
        expect(p.horizonDays).toBeUndefined();
        expect(p.pActive).toBeUndefined();
        const same = category.find((x) => x.category === p.category);
        if (same && Math.abs(same.highDays - p.highDays) > 1) differ++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    // The two models predict differently for most windows: an experiment between them has something to measure.
    expect(differ / checked).toBeGreaterThan(0.5);
  });

  it('category (the default): windows given a purchase within 90 days, with P(still buying it)', () => {
    const f = features.find((x) => numbers(x).nextPurchases.length)!;
    for (const p of numbers(f).nextPurchases) {
      expect(p.horizonDays).toBe(90);
      expect(p.pActive).toBeGreaterThanOrEqual(0);
      expect(p.lowDays).toBeGreaterThanOrEqual(0);
    }
    expect(numbers(f, 'category')).toEqual(numbers(f));
  });

  it('is part of the analyzer config: validated, described, and carried by the analyzer that runs it', () => {
    expect(analyzerConfigSchema.safeParse({ provider: 'statistical', timing: 'weekly' }).success).toBe(false);
    const gap = analyzerConfigSchema.parse({ provider: 'statistical', timing: 'gap' });
    expect(describeAnalyzerConfig(gap)).toBe('statistical (80 % windows, gap timing)');
    expect(analyzerFor(gap).timing).toBe('gap');
    expect(analyzerFor({ provider: 'statistical' }).timing).toBeUndefined();
  });
});
