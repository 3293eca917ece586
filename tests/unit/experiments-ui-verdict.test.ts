import { describe, expect, it } from 'vitest';
import { cumulativeTicks, type CumulativeRow } from '@/components/experiments/result-rows';
import { verdictView } from '@/components/experiments/verdict';
import type { MetricTotals } from '@/lib/experiments/observation-cells';
import { buildResultsInput, predictionScoresOf } from '@/lib/experiments/results-input';
import { computeResults } from '@/lib/experiments/stats';
import { totals, twoArmExperiment } from '../support/experiment-fixture';

/**
 * The verdict a marketer reads first on an experiment's page: what to do in words that follow decide.ts, the
 * business impact in days, and the power reached against the plan with what it means.
 */
const experiment = twoArmExperiment('timing', 'category', {
  primaryMetric: 'interval_score',
  secondaryMetrics: ['bought_within_horizon', 'accuracy'],
  plannedSampleSizePerVariant: 1000,
});

/** Sums of n values with the given mean and standard deviation. */
const sums = (n: number, mean: number, sd: number): Partial<MetricTotals> => ({
  n,
  sum: n * mean,
  sumSquares: sd * sd * (n - 1) + n * mean * mean,
});

/** Control scores 60 days (windows 40 days wide), the category model 45 (windows 30 days): 25 % better. */
function responseFor(scoredPerVariant: number, assigned: number) {
  const stored = [
    totals('control', 'interval_score', sums(scoredPerVariant, 60, 40)),
    totals('category', 'interval_score', sums(scoredPerVariant, 45, 30)),
    totals('control', 'window_days', sums(scoredPerVariant, 40, 8)),
    totals('category', 'window_days', sums(scoredPerVariant, 30, 6)),
    totals('control', 'bought_within_horizon', {
      n: scoredPerVariant * 2,
      sum: scoredPerVariant,
      sumSquares: scoredPerVariant,
    }),
    totals('category', 'bought_within_horizon', {
      n: scoredPerVariant * 2,
      sum: scoredPerVariant,
      sumSquares: scoredPerVariant,
    }),
  ];
  const results = computeResults(
    buildResultsInput(experiment, stored, { control: assigned, category: assigned }),
  );
  return {
    results,
    sample: { plannedPerVariant: 1000, assignedPerVariant: { control: assigned, category: assigned } },
    predictionScores: predictionScoresOf(experiment, stored),
    pendingOutcomes: { control: 30, category: 20 },
  };
}

describe('the verdict on an experiment’s page', () => {
  it('early and inconclusive: keep running, the lead and its interval in words, power against the plan', () => {
    const response = responseFor(30, 180);
    expect(response.results.decision.action).toBe('keep-running');
    const v = verdictView(experiment, response, 14);
    expect(v.headline).toMatch(
      /^Keep running: category scores 25 % better than control on the interval score so far, but that could still be chance \(the interval runs from \d+ % better to \d+ % worse\)\. Do not ship yet\.$/,
    );
    expect(v.headline).not.toMatch(/^Ship/);
    expect(v.power).toMatch(
      /^The test reached 18 % of the users it planned \(180 of 1,000 per variant\)\. The plan is sized to find a real difference of \d+\.\d days \(\d+ %\) 80 % of the time; with the 30 observations per variant so far that chance is \d+ %: too early to ship; it gets there after about 820 more users per variant \(about 64 more days at the rate so far\)\.$/,
    );
    expect(v.scope).toContain(
      'Scored on 60 predictions whose category was bought within 90 days (of 120 resolved); 50 more wait',
    );
  });

  it('says what the better score means for customers: narrower windows, smaller misses, in days', () => {
    const v = verdictView(experiment, responseFor(30, 180), 14);
    expect(v.impact).toBe(
      "category's windows are 10.0 days narrower (30.0 days against 40.0 days) and its misses cost 5.0 days less " +
        '(15.0 days against 20.0 days of penalty per prediction): customers would get reminders closer to when they buy.',
    );
  });

  it('ships before the plan only because the sequential test is conclusive, and says why that is sound', () => {
    const response = responseFor(600, 700);
    expect(response.results.decision).toMatchObject({ action: 'ship', variant: 'category' });
    const v = verdictView(experiment, response, 30);
    expect(v.tone).toBe('ship');
    expect(v.headline).toBe(
      'Ship category: it scores 25 % better than control on the interval score, and the sequential test is conclusive.',
    );
    expect(v.power).toContain('The test reached 70 % of the users it planned (700 of 1,000 per variant).');
    expect(v.power).toContain('the sequential test’s intervals hold at every look');
  });
});

describe('the cumulative chart’s axis', () => {
  const row = (day: string, value: number, low: number, high: number): CumulativeRow => ({
    day,
    values: { b: value },
    ranges: { b: [low, high] },
    errors: { b: [value - low, high - value] },
  });

  it('fits the latest days’ intervals, not the first days’ ±600 %', () => {
    const rows = [
      row('2026-11-01', -30, -600, 600),
      row('2026-11-02', -25, -300, 250),
      row('2026-11-03', -22, -60, 20),
      row('2026-11-04', -20, -45, 8),
      row('2026-11-05', -19, -38, 3),
      row('2026-11-06', -18, -32, -2),
    ];
    const ticks = cumulativeTicks({ variants: ['b'], rows })!;
    expect(ticks[0]).toBeGreaterThanOrEqual(-50);
    expect(ticks.at(-1)).toBeLessThanOrEqual(10);
    expect(ticks).toContain(0);
    expect(cumulativeTicks({ variants: ['b'], rows: [] })).toBeNull();
  });
});
