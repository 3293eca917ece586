import { describe, expect, it } from 'vitest';
import { cupedAdjust } from '@/lib/experiments/stats/cuped';
import {
  sampleSizeForMeans,
  sampleSizeForProportions,
  type PowerOptions,
} from '@/lib/experiments/stats/power';
import { sequentialTest } from '@/lib/experiments/stats/sequential';
import { lnGamma } from '@/lib/math/special-functions';
import { sampleRatioMismatch } from '@/lib/experiments/stats/srm';
import {
  addObservation,
  addRatioObservation,
  emptyRatioSummary,
  emptySummary,
  momentsOf,
  ratioMomentsOf,
  type Moments,
} from '@/lib/experiments/stats/summaries';
import { welchTest } from '@/lib/experiments/stats/welch';
import { createPrng, type Prng } from '@/lib/math/prng';

// Acceptance simulations. Each draws per-user values from a seeded PRNG but keeps only running sums, as storage
// does. Rates are judged against exact binomial intervals, so a pass is not luck of the seed: a correct method
// lands inside with probability 0.99, a broken one (no peeking correction, wrong variance) falls far outside.
const EXPERIMENTS = 2_000;
const ALPHA = 0.05;

/** The central `level` interval of Binomial(n, p) as counts [low, high] (exact, from the pmf). */
function binomialInterval(n: number, p: number, level = 0.99): [number, number] {
  const tail = (1 - level) / 2;
  let cdf = 0;
  let low = -1;
  for (let k = 0; k <= n; k++) {
    const lnPmf =
      lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    cdf += Math.exp(lnPmf);
    if (low < 0 && cdf >= tail) low = k;
    if (cdf >= 1 - tail) return [low, k];
  }
  return [low, n];
}

interface Sums {
  n: number;
  sum: number;
  sumSquares: number;
}
const fresh = (): Sums => ({ n: 0, sum: 0, sumSquares: 0 });
const add = (s: Sums, y: number) => {
  s.n += 1;
  s.sum += y;
  s.sumSquares += y * y;
};

/** One fixed-horizon experiment: n users per arm, treatment shifted by `effect`; the Welch p-value. */
function fixedExperiment(rng: Prng, n: number, draw: (rng: Prng) => number, effect: number) {
  const control = fresh();
  const treatment = fresh();
  for (let i = 0; i < n; i++) {
    add(control, draw(rng));
    add(treatment, draw(rng) + effect);
  }
  const r = welchTest(momentsOf(control), momentsOf(treatment), ALPHA);
  return r.status === 'ok' ? r.absolute : null;
}

const costLike = (rng: Prng) => Math.exp(rng.normal(0, 0.8)); // skewed like USD per analysis
const bernoulli = (p: number) => (rng: Prng) => (rng.uniform() < p ? 1 : 0);

describe('fixed-horizon Welch test', () => {
  it('A/A: the false-positive rate of 2,000 experiments lies in the 99 % binomial interval around α', () => {
    const [low, high] = binomialInterval(EXPERIMENTS, ALPHA);
    for (const [seed, n, draw] of [
      ['aa-cost', 500, costLike],
      ['aa-accuracy', 1000, bernoulli(0.1)],
    ] as const) {
      const rng = createPrng(seed);
      let rejections = 0;
      for (let e = 0; e < EXPERIMENTS; e++)
        if ((fixedExperiment(rng, n, draw, 0)?.pValue ?? 1) < ALPHA) rejections++;
      expect(rejections, `${seed}: ${rejections} of ${EXPERIMENTS}`).toBeGreaterThanOrEqual(low);
      expect(rejections, `${seed}: ${rejections} of ${EXPERIMENTS}`).toBeLessThanOrEqual(high);
    }
  });

  it('an effect sized by the power calculator for 80 % power is detected 80 ± 5 % of the time', () => {
    const normal = (shift: number) => (rng: Prng) => rng.normal() + shift;
    const cases: [string, number, (rng: Prng) => number, (rng: Prng) => number][] = [
      ['power-mean', sampleSizeForMeans(0.2, 1), normal(0), normal(0.2)],
      ['power-proportion', sampleSizeForProportions(0.3, 0.05), bernoulli(0.3), bernoulli(0.35)],
    ];
    for (const [seed, n, controlDraw, treatmentDraw] of cases) {
      const rng = createPrng(seed);
      let detected = 0;
      for (let e = 0; e < EXPERIMENTS; e++) {
        const control = fresh();
        const treatment = fresh();
        for (let i = 0; i < n; i++) {
          add(control, controlDraw(rng));
          add(treatment, treatmentDraw(rng));
        }
        const r = welchTest(momentsOf(control), momentsOf(treatment), ALPHA);
        if (r.status === 'ok' && r.absolute.pValue < ALPHA && r.absolute.estimate > 0) detected++;
      }
      const power = detected / EXPERIMENTS;
      expect(power, `${seed}: n = ${n} per variant`).toBeGreaterThanOrEqual(0.75);
      expect(power, `${seed}: n = ${n} per variant`).toBeLessThanOrEqual(0.85);
    }
  });
});

/**
 * Users arrive one at a time, each randomised 50/50, and the experiment is read after every 100 users up to the
 * planned total; it "rejects" at the first look whose sequential p-value is ≤ α. Also records whether the fixed
 * Welch test would have rejected at some look (the peeking mistake the sequential test exists to prevent).
 */
function peekingExperiment(rng: Prng, plannedTotal: number, draw: (rng: Prng) => number, effect: number) {
  const control = fresh();
  const treatment = fresh();
  let sequential = false;
  let naive = false;
  for (let user = 1; user <= plannedTotal; user++) {
    if (rng.uniform() < 0.5) add(control, draw(rng));
    else add(treatment, draw(rng) + effect);
    if (user % 100 !== 0) continue;
    const c: Moments = momentsOf(control);
    const t: Moments = momentsOf(treatment);
    const s = sequentialTest(c, t, { alpha: ALPHA, plannedTotal });
    if (s.status === 'ok' && s.absolute.pValue <= ALPHA) sequential = true;
    if (!naive) {
      const se = Math.sqrt(c.variance / c.n + t.variance / t.n);
      naive = Math.abs(t.mean - c.mean) / se > 1.959963984540054;
    }
    if (sequential && naive) break;
  }
  return { sequential, naive };
}

describe('sequential test under continuous peeking', () => {
  it('A/A with a look every 100 users up to 4,000: false positives stay ≤ α (naive peeking does not)', () => {
    // "≤ α" allows the binomial noise of 2,000 experiments: the count may not exceed the upper end of the 99 %
    // interval around α. In practice the confidence sequence is conservative (~1 % here).
    const [, high] = binomialInterval(EXPERIMENTS, ALPHA);
    for (const [seed, draw] of [
      ['seq-aa-cost', costLike],
      ['seq-aa-accuracy', bernoulli(0.2)],
    ] as const) {
      const rng = createPrng(seed);
      let sequential = 0;
      let naive = 0;
      for (let e = 0; e < EXPERIMENTS; e++) {
        const r = peekingExperiment(rng, 4_000, draw, 0);
        if (r.sequential) sequential++;
        if (r.naive) naive++;
      }
      expect(sequential, `${seed}: ${sequential} of ${EXPERIMENTS}`).toBeLessThanOrEqual(high);
      expect(naive / EXPERIMENTS, `${seed}: naive peeking`).toBeGreaterThan(0.15);
    }
  });

  it('A/A on a ratio metric (revenue per order, delta method in the engine): false positives stay ≤ α', () => {
    const [, high] = binomialInterval(EXPERIMENTS, ALPHA);
    const rng = createPrng('seq-aa-ratio');
    let rejections = 0;
    for (let e = 0; e < EXPERIMENTS; e++) {
      const arms = [emptyRatioSummary(), emptyRatioSummary()] as const;
      for (let user = 1; user <= 4_000; user++) {
        // A customer with 1–4 orders of skewed value: revenue and orders per customer, the ratio per order.
        const orders = 1 + Math.floor(rng.uniform() * 4);
        let revenue = 0;
        for (let i = 0; i < orders; i++) revenue += costLike(rng);
        addRatioObservation(arms[rng.uniform() < 0.5 ? 0 : 1], revenue, orders);
        if (user % 100 !== 0) continue;
        const [c, t] = [ratioMomentsOf(arms[0]), ratioMomentsOf(arms[1])];
        const r = c && t ? sequentialTest(c, t, { alpha: ALPHA, plannedTotal: 4_000 }) : null;
        if (r?.status === 'ok' && r.absolute.pValue <= ALPHA) {
          rejections++;
          break;
        }
      }
    }
    expect(rejections, `seq-aa-ratio: ${rejections} of ${EXPERIMENTS}`).toBeLessThanOrEqual(high);
  });

  it('sized by the sequential power calculator, it detects the effect at least 80 % of the time by the plan', () => {
    const options: PowerOptions = { test: 'sequential' };
    const perVariant = sampleSizeForMeans(0.2, 1, options);
    const rng = createPrng('seq-power');
    const runs = 1_000;
    let detected = 0;
    for (let e = 0; e < runs; e++)
      if (peekingExperiment(rng, 2 * perVariant, (r) => r.normal(), 0.2).sequential) detected++;
    const [low] = binomialInterval(runs, 0.8);
    expect(detected).toBeGreaterThanOrEqual(low);
  });
});

describe('sample-ratio mismatch on simulated assignment', () => {
  it('flags a 52/48 split at n = 20,000 and almost never a fair coin', () => {
    const runs = 200;
    const rng = createPrng('srm');
    let fairAlarms = 0;
    let skewedAlarms = 0;
    for (let e = 0; e < runs; e++) {
      for (const [share, bump] of [
        [0.5, () => fairAlarms++],
        [0.52, () => skewedAlarms++],
      ] as const) {
        let a = 0;
        for (let i = 0; i < 20_000; i++) if (rng.uniform() < share) a++;
        if (sampleRatioMismatch([a, 20_000 - a], [1, 1]).status === 'alarm') bump();
      }
    }
    expect(fairAlarms).toBeLessThanOrEqual(2); // threshold 0.001: expect 0.2 of 200
    expect(skewedAlarms).toBeGreaterThanOrEqual(190); // power ≈ 99 % at this size
  });
});

describe('CUPED on simulated experiments', () => {
  it('removes about corr(X, Y)² of the variance, keeps the difference unbiased and the interval honest', () => {
    // y = 5 + 0.8·x + ε with x ~ N(10, 2²), ε ~ N(0, 1.5²): corr² = 2.56 / (2.56 + 2.25) = 0.532. Effect +0.3.
    const rng = createPrng('cuped');
    const runs = 1_000;
    const plain: number[] = [];
    const adjusted: number[] = [];
    const reductions: number[] = [];
    let covered = 0;
    for (let e = 0; e < runs; e++) {
      const arms = [emptySummary(true), emptySummary(true)];
      for (let i = 0; i < 400; i++) {
        arms.forEach((arm, k) => {
          const x = rng.normal(10, 2);
          addObservation(arm, 5 + 0.8 * x + rng.normal(0, 1.5) + 0.3 * k, x);
        });
      }
      const cuped = cupedAdjust(arms)!;
      const [c, t] = cuped.variants.map((v) => v.adjusted) as [Moments, Moments];
      plain.push(momentsOf(arms[1]!).mean - momentsOf(arms[0]!).mean);
      adjusted.push(t.mean - c.mean);
      reductions.push(cuped.variants[0]!.varianceReduction);
      const r = welchTest(c, t);
      if (r.status === 'ok' && r.absolute.lower <= 0.3 && 0.3 <= r.absolute.upper) covered++;
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = (xs: number[]) => mean(xs.map((x) => (x - mean(xs)) ** 2));
    expect(Math.abs(mean(adjusted) - 0.3)).toBeLessThan(3 * Math.sqrt(variance(adjusted) / runs));
    expect(variance(adjusted) / variance(plain)).toBeGreaterThan(0.38);
    expect(variance(adjusted) / variance(plain)).toBeLessThan(0.56);
    expect(mean(reductions)).toBeCloseTo(0.532, 1);
    const [low, high] = binomialInterval(runs, 0.95);
    expect(covered).toBeGreaterThanOrEqual(low);
    expect(covered).toBeLessThanOrEqual(high);
  });
});
