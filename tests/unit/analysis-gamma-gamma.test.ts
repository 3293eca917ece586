import { describe, expect, it } from 'vitest';
import {
  expectedAverageSpend,
  fitGammaGamma,
  type GammaGammaParams,
} from '@/lib/analysis/models/gamma-gamma';
import { createPrng } from '@/lib/math/prng';

describe('Gamma-Gamma spend', () => {
  // Fader & Hardie's CDNOW estimates, in cents: p 6.25, q 3.74, γ 1,544 (15.44 dollars).
  const truth: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 1544 };

  it('recovers the parameters from simulated repeat buyers, and shrinks a few transactions toward the mean', () => {
    const rng = createPrng('gamma-gamma');
    const customers = Array.from({ length: 8_000 }, () => {
      const nu = rng.gamma(truth.q, 1 / truth.gamma);
      const x = 1 + rng.poisson(3);
      let total = 0;
      for (let i = 0; i < x; i++) total += rng.gamma(truth.p, 1 / nu);
      return { x, mean: total / x };
    });
    const fit = fitGammaGamma(customers);
    // p and q trade off against γ along a ridge; the population mean p·γ/(q−1) is what the data pin down best.
    const mean = (g: GammaGammaParams) => (g.p * g.gamma) / (g.q - 1);
    expect(Math.abs(mean(fit.params) - mean(truth)) / mean(truth)).toBeLessThan(0.05);
    expect(fit.params.p).toBeGreaterThan(truth.p * 0.8);
    expect(fit.params.p).toBeLessThan(truth.p * 1.25);
    expect(fit.params.q).toBeGreaterThan(truth.q * 0.75);
    expect(fit.params.q).toBeLessThan(truth.q * 1.35);

    const population = expectedAverageSpend(truth, { x: 0, mean: 0 });
    const one = expectedAverageSpend(truth, { x: 1, mean: 20_000 });
    const many = expectedAverageSpend(truth, { x: 40, mean: 20_000 });
    expect(population).toBeCloseTo(mean(truth), 6);
    expect(one).toBeGreaterThan(population);
    expect(one).toBeLessThan(many); // one big basket is weak evidence; forty are strong
    expect(many).toBeLessThan(20_000);
    expect(many).toBeGreaterThan(19_000);
  });

  it('stays storable when customers barely differ in what they spend: q stops at 10⁶ and values stay right', () => {
    // Every buyer spends about 25.00 a trip: no heterogeneity, where the likelihood keeps rising with q and γ.
    const customers = Array.from({ length: 400 }, (_, i) => ({ x: 1 + (i % 20), mean: 2500 + (i % 7) }));
    const fit = fitGammaGamma(customers);
    expect(fit.params.q).toBeLessThanOrEqual(1e6 + 1);
    for (const value of Object.values(fit.params)) expect(Number.isSafeInteger(Math.round(value))).toBe(true);
    const valued = expectedAverageSpend(fit.params, { x: 3, mean: 2503 });
    expect(valued).toBeGreaterThan(2480);
    expect(valued).toBeLessThan(2520);
  });
});
