import { describe, expect, it } from 'vitest';
import {
  chiSquareSurvival,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from '@/lib/experiments/stats/distributions';
import { lnBeta, lnGamma } from '@/lib/math/special-functions';

// Reference values from scipy 1.17 (norm.cdf/ppf, t.cdf/ppf, chi2.sf), which agree with R's pnorm, qnorm, pt, qt
// and pchisq(lower.tail = FALSE) to the digits shown.
const close = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));

describe('normal distribution', () => {
  it('matches pnorm in the centre and far into the tail (relative accuracy, not just absolute)', () => {
    close(normalCdf(1), 0.8413447460685429, 1e-14);
    close(normalCdf(-5), 2.866515718791933e-7, 1e-12);
    close(normalCdf(-10), 7.61985302416047e-24, 1e-12);
    close(normalCdf(-20), 2.7536241186061556e-89, 1e-12);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
  });

  it('matches qnorm, including the far tail', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-14);
    close(normalQuantile(0.999), 3.090232306167813, 1e-14);
    close(normalQuantile(0.3), -0.5244005127080409, 1e-14);
    close(normalQuantile(1e-10), -6.361340902404056, 1e-14);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });

  it('quantile and CDF invert each other to 1e-9 across the range', () => {
    for (const p of [1e-12, 1e-6, 0.01, 0.2, 0.5, 0.77, 0.99, 1 - 1e-9]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-9 * Math.min(p, 1 - p) + 1e-16);
    }
  });
});

describe('Student t distribution', () => {
  it('matches pt for small, fractional and huge degrees of freedom', () => {
    close(studentTCdf(2, 5), 0.9490302605850708, 1e-13);
    close(studentTCdf(-3, 2.5), 0.036288047774515914, 1e-12);
    close(studentTCdf(1.5, 30), 0.927967035435677, 1e-13);
    close(studentTCdf(-5, 17.776), 4.813027521724516e-5, 1e-11);
    // Welch df reach 10⁷ with 10 million users; the incomplete beta alone would lose 8 digits here.
    close(studentTCdf(-2, 1e7), 0.02275014544592148, 1e-12);
  });

  it('has the closed forms of 1 and 2 degrees of freedom', () => {
    for (const t of [-30, -2.5, -0.4, 0.9, 7]) {
      close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-13);
      close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-13);
    }
  });

  it('matches qt, including textbook critical values', () => {
    close(studentTQuantile(0.975, 10), 2.228138851986274, 1e-12);
    close(studentTQuantile(0.975, 1), 12.706204736174694, 1e-12);
    close(studentTQuantile(0.975, 2), 4.302652729749462, 1e-12);
    close(studentTQuantile(0.995, 5), 4.032142983555228, 1e-12);
    close(studentTQuantile(0.975, 17.776), 2.102821310380221, 1e-12);
    close(studentTQuantile(0.025, 3.3), -3.0248744618408083, 1e-12);
    close(studentTQuantile(0.975, 1e7), 1.959964221767205, 1e-12);
    close(studentTQuantile(1e-8, 4), -131.59473694062356, 1e-10);
  });

  it('quantile inverts the CDF', () => {
    for (const nu of [3, 7.5, 40, 2e5]) {
      for (const p of [1e-6, 0.05, 0.5, 0.9]) close(studentTCdf(studentTQuantile(p, nu), nu), p, 1e-10);
    }
  });

  it('tends to the normal as the degrees of freedom grow', () => {
    expect(Math.abs(studentTCdf(-1.7, 1e12) - normalCdf(-1.7))).toBeLessThan(1e-12);
    expect(studentTCdf(-1.7, Infinity)).toBe(normalCdf(-1.7));
  });
});

describe('chi-square survival function', () => {
  it('matches pchisq(lower.tail = FALSE)', () => {
    close(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-13);
    close(chiSquareSurvival(32, 1), 1.5417257900280013e-8, 1e-12);
    close(chiSquareSurvival(10, 3), 0.01856613546304325, 1e-13);
    close(chiSquareSurvival(0.5, 4), 0.9735009788392561, 1e-13);
    close(chiSquareSurvival(100, 60), 0.0009168288614560842, 1e-12);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it('agrees with the normal for 1 df and with the closed form for 2 df (independent algorithms)', () => {
    for (const x of [0.3, 2, 9, 40]) {
      close(chiSquareSurvival(x * x, 1), 2 * normalCdf(-x), 1e-12);
      close(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-13);
    }
  });
});

describe('special functions', () => {
  it('ln Γ and ln B match known values, including the large-argument difference', () => {
    close(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    close(lnGamma(10), Math.log(362880), 1e-14);
    close(lnGamma(101), 363.73937555556347, 1e-14); // ln(100!)
    // ln B(a, ½) = ln Γ(½) + ln Γ(a) − ln Γ(a + ½) ≈ ½ ln π − ½ ln a + 1/(8a) for large a.
    const a = 5e8;
    close(lnBeta(a, 0.5), 0.5 * Math.log(Math.PI) - 0.5 * Math.log(a) + 1 / (8 * a), 1e-13);
  });
});
