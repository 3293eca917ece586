import { describe, expect, it } from 'vitest';
import { churnRisk, clvInterval, expectedClv } from '@/lib/analysis/models/clv';
import { createPrng } from '@/lib/math/prng';

const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gg = { p: 6.25, q: 3.74, gamma: 1544 };
const options = { horizonWeeks: 52, annualDiscount: 0.1, margin: 0.3 };

describe('lifetime value and churn risk', () => {
  const loyal = { x: 12, tx: 50, T: 52, mean: 4_500 };
  const lapsed = { x: 12, tx: 10, T: 52, mean: 4_500 };
  const newcomer = { x: 0, tx: 0, T: 2, mean: 0 };

  it('values a loyal, recent customer above a lapsed one, and the simulation agrees with the expectation', () => {
    const a = expectedClv(bg, gg, loyal, options);
    const b = expectedClv(bg, gg, lapsed, options);
    expect(a).toBeGreaterThan(b * 3);
    const simulated = clvInterval(bg, gg, loyal, options, createPrng('clv'), 20_000);
    // The simulation draws order values from the posterior, the expectation uses their mean: within 5 %.
    expect(Math.abs(simulated.mean - a) / a).toBeLessThan(0.05);
    expect(simulated.low).toBeLessThan(simulated.mean);
    expect(simulated.high).toBeGreaterThan(simulated.mean);
  });

  it('is less sure about a newcomer: the interval is wide relative to the value', () => {
    const rng = createPrng('clv-width');
    const known = clvInterval(bg, gg, loyal, options, rng);
    const unknown = clvInterval(bg, gg, newcomer, options, rng);
    expect(unknown.low).toBe(0); // many newcomers never come back
    expect((unknown.high - unknown.low) / unknown.mean).toBeGreaterThan(
      (known.high - known.low) / known.mean,
    );
  });

  it('rates churn risk from being possibly gone and being late for one’s own rhythm', () => {
    expect(churnRisk(bg, loyal, 4).level).toBe('low');
    expect(churnRisk(bg, lapsed, 4).level).toBe('high');
    // The same silence is more alarming for a weekly shopper than for a quarterly one.
    const weekly = churnRisk(bg, { x: 12, tx: 46, T: 52 }, 1).probability;
    const quarterly = churnRisk(bg, { x: 12, tx: 46, T: 52 }, 13).probability;
    expect(weekly).toBeGreaterThan(quarterly);
  });
});
