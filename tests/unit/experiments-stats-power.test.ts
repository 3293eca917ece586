import { describe, expect, it } from 'vitest';
import {
  criticalValue,
  minimumDetectableEffectForMeans,
  minimumDetectableEffectForProportions,
  powerForMeans,
  powerForProportions,
  sampleSizeForMeans,
  sampleSizeForProportions,
} from '@/lib/experiments/stats/power';

describe('sample size', () => {
  it('for means: half a standard deviation needs 63 per variant (2·(1.95996 + 0.84162)²/0.5² = 62.79)', () => {
    expect(sampleSizeForMeans(0.5, 1)).toBe(63);
    expect(sampleSizeForMeans(5, 10)).toBe(63); // only the effect in standard deviations matters
    expect(sampleSizeForMeans(0.5, 1, { power: 0.9 })).toBe(85); // 2·(1.95996 + 1.28155)²/0.25 = 84.06
  });

  it('for proportions: 10 % → 12 % needs 3,839 per variant (7.84888·(0.09 + 0.1056)/0.0004 = 3838.1)', () => {
    expect(sampleSizeForProportions(0.1, 0.02)).toBe(3839);
  });

  it('for the sequential test: about 1.91× the fixed test, since it may look at any time', () => {
    // ((3.03521 + 0.84162)/(1.95996 + 0.84162))² = 1.9149
    const ratio = sampleSizeForMeans(0.01, 1, { test: 'sequential' }) / sampleSizeForMeans(0.01, 1);
    expect(ratio).toBeCloseTo(1.9149, 3);
    expect(criticalValue(5000, { test: 'sequential' })).toBeCloseTo(3.035208990376253, 12);
  });
});

describe('power, sample size and MDE agree', () => {
  it('sampleSize(mde(n)) = n for means and proportions, fixed and sequential', () => {
    for (const test of ['fixed', 'sequential'] as const) {
      for (const n of [50, 1_234, 100_000]) {
        expect(sampleSizeForMeans(minimumDetectableEffectForMeans(n, 3.7, { test }), 3.7, { test })).toBe(n);
        for (const baseline of [0.02, 0.3, 0.6]) {
          const mde = minimumDetectableEffectForProportions(n, baseline, { test });
          expect(sampleSizeForProportions(baseline, mde, { test })).toBe(n);
        }
      }
    }
  });

  it('power at the computed sample size is the target power', () => {
    for (const test of ['fixed', 'sequential'] as const) {
      const n = 4000;
      const mde = minimumDetectableEffectForMeans(n, 2, { test });
      expect(powerForMeans(n, mde, 2, { test })).toBeCloseTo(0.8, 4);
      const pMde = minimumDetectableEffectForProportions(n, 0.25, { test, power: 0.9 });
      expect(powerForProportions(n, 0.25, pMde, { test })).toBeCloseTo(0.9, 4);
    }
  });

  it('power grows with users; before the plan the sequential test has less of it than at the plan', () => {
    const effect = minimumDetectableEffectForMeans(1000, 1);
    expect(powerForMeans(250, effect, 1)).toBeLessThan(powerForMeans(500, effect, 1));
    expect(powerForMeans(4000, effect, 1)).toBeGreaterThan(0.99);
    expect(powerForMeans(0, effect, 1)).toBeLessThan(0.06);
    const seqEffect = minimumDetectableEffectForMeans(1000, 1, { test: 'sequential' });
    const early = powerForMeans(500, seqEffect, 1, { test: 'sequential', plannedPerVariant: 1000 });
    expect(early).toBeLessThan(0.5);
    expect(powerForMeans(1000, seqEffect, 1, { test: 'sequential', plannedPerVariant: 1000 })).toBeCloseTo(
      0.8,
      6,
    );
  });
});
