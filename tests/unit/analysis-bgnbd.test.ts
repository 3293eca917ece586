import { describe, expect, it } from 'vitest';
import {
  customerLogLikelihood,
  expectedPurchases,
  fitBgNbd,
  pAlive,
  probabilityNoPurchase,
  type BgNbdParams,
  type RepeatSummary,
} from '@/lib/analysis/models/bgnbd';
import { hyp2f1, lnGamma } from '@/lib/math/special-functions';
import { createPrng, type Prng } from '@/lib/math/prng';

/** One customer from the BG/NBD story: buys at rate λ while alive, drops out with p after each repeat purchase. */
function simulate(rng: Prng, { r, alpha, a, b }: BgNbdParams, T: number): RepeatSummary {
  const lambda = rng.gamma(r, 1 / alpha);
  const p = rng.beta(a, b);
  let time = 0;
  let x = 0;
  let tx = 0;
  for (;;) {
    time += rng.exponential(lambda);
    if (time > T) break;
    x++;
    tx = time;
    if (rng.bernoulli(p)) break;
  }
  return { x, tx, T };
}

function population(seed: string, params: BgNbdParams, n: number): RepeatSummary[] {
  const rng = createPrng(seed);
  // Customers acquired over 39 weeks and observed for 39 more (the CDNOW design: T between 39 and 78 weeks).
  return Array.from({ length: n }, () => simulate(rng, params, 39 + rng.uniform() * 39));
}

describe('special functions', () => {
  it('ln Γ matches known values', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // (reference values from Python's math.lgamma)
    expect(lnGamma(100.5)).toBeCloseTo(361.4355404677776, 9);
    expect(lnGamma(0.3)).toBeCloseTo(1.0957979948180752, 12);
    expect(lnGamma(12.7)).toBeCloseTo(19.23304317957009, 10);
  });

  it('₂F₁ matches closed forms', () => {
    // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z and ₂F₁(a, b; b; z) = (1 − z)^(−a)
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
    expect(hyp2f1(2.5, 3, 3, 0.9)).toBeCloseTo(0.1 ** -2.5, 8);
  });
});

describe('BG/NBD', () => {
  const truth: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // the CDNOW estimates of the paper

  it('recovers the parameters it simulated customers from', () => {
    const customers = population('bgnbd-recovery', truth, 20_000);
    const fit = fitBgNbd(customers);
    // With 20,000 customers the maximum-likelihood estimates' standard errors are a few percent for r and α and
    // larger for a and b, which the data pin down only through the repeat buyers; the tolerances are ~3 SE.
    expect(fit.params.r).toBeGreaterThan(truth.r * 0.9);
    expect(fit.params.r).toBeLessThan(truth.r * 1.1);
    expect(fit.params.alpha).toBeGreaterThan(truth.alpha * 0.85);
    expect(fit.params.alpha).toBeLessThan(truth.alpha * 1.15);
    expect(fit.params.a).toBeGreaterThan(truth.a * 0.7);
    expect(fit.params.a).toBeLessThan(truth.a * 1.3);
    expect(fit.params.b).toBeGreaterThan(truth.b * 0.7);
    expect(fit.params.b).toBeLessThan(truth.b * 1.3);
    // The fit is at least as likely as the truth (it maximises the likelihood of this sample).
    const atTruth = customers.reduce((s, c) => s + customerLogLikelihood(truth, c), 0);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(atTruth - 1e-6);
    // The grouped likelihood the fit maximises is the plain per-customer sum.
    const atFit = customers.reduce((s, c) => s + customerLogLikelihood(fit.params, c), 0);
    expect(Math.abs(fit.logLikelihood - atFit)).toBeLessThan(1e-6 * Math.abs(atFit));
  }, 60_000);

  it('predicts the purchases of new customers as the process makes them, for a below and above 1', () => {
    for (const params of [truth, { r: 2, alpha: 2.5, a: 1.6, b: 6 }]) {
      const rng = createPrng(`bgnbd-mc-${params.a}`);
      const t = 26;
      let total = 0;
      const n = 40_000;
      for (let i = 0; i < n; i++) total += simulate(rng, params, t).x;
      const expected = expectedPurchases(params, { x: 0, tx: 0, T: 0 }, t);
      // Monte Carlo standard error of the mean is well under 2 % here.
      expect(Math.abs(total / n - expected) / expected).toBeLessThan(0.04);
    }
  });

  it('says how likely a customer is alive, and how likely to buy nothing, as their history suggests', () => {
    const params = truth;
    expect(pAlive(params, { x: 0, tx: 0, T: 40 })).toBe(1); // no repeat purchase: no chance to have dropped out
    const recent = pAlive(params, { x: 5, tx: 38, T: 40 });
    const lapsed = pAlive(params, { x: 5, tx: 5, T: 40 });
    expect(recent).toBeGreaterThan(0.8);
    expect(lapsed).toBeLessThan(0.3);
    const none = probabilityNoPurchase(params, { x: 5, tx: 5, T: 40 }, 10);
    expect(none).toBeGreaterThan(1 - lapsed); // dead customers buy nothing, and some alive ones don't either
    expect(none).toBeLessThan(1);
    // More expected purchases for the frequent, recent buyer than for the lapsed one.
    expect(expectedPurchases(params, { x: 5, tx: 38, T: 40 }, 10)).toBeGreaterThan(
      expectedPurchases(params, { x: 5, tx: 5, T: 40 }, 10) * 3,
    );
  });
});
