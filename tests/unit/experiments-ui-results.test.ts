import { describe, expect, it } from 'vitest';
import type { CumulativePoint } from '@/lib/experiments/api-contract';
import { computeResults, proportionSummary, type MetricSummary } from '@/lib/experiments/stats';
import {
  cumulativeSeries,
  cumulativeSummary,
  forestRows,
  metricTables,
  niceTicks,
  verdictOf,
} from '@/components/experiments/result-rows';

/** A mean metric's summary with the given n, mean and standard deviation. */
function meanSummary(n: number, mean: number, sd: number): MetricSummary {
  const sum = n * mean;
  return { n, sum, sumSquares: sd * sd * (n - 1) + (sum * sum) / n };
}

// Control at 30 % accuracy, haiku at 60 %, sonnet at 31 %; haiku slower by 40 %, sonnet as fast as control.
const results = computeResults({
  metrics: [
    {
      key: 'accuracy',
      label: 'accuracy',
      kind: 'proportion',
      direction: 'higher-is-better',
      role: 'primary',
    },
    { key: 'latency_ms', label: 'latency_ms', kind: 'mean', direction: 'lower-is-better', role: 'guardrail' },
    { key: 'cost_usd', label: 'cost_usd', kind: 'mean', direction: 'lower-is-better', role: 'secondary' },
  ],
  variants: [
    { name: 'control', weight: 1, isControl: true },
    { name: 'haiku', weight: 1, isControl: false },
    { name: 'sonnet', weight: 1, isControl: false },
  ],
  summaries: {
    control: {
      accuracy: proportionSummary(300, 1000),
      latency_ms: meanSummary(1000, 500, 100),
      cost_usd: { n: 0, sum: 0, sumSquares: 0 },
    },
    haiku: {
      accuracy: proportionSummary(600, 1000),
      latency_ms: meanSummary(1000, 700, 100),
      cost_usd: meanSummary(1000, 0.002, 0.0005),
    },
    sonnet: {
      accuracy: proportionSummary(310, 1000),
      latency_ms: meanSummary(1000, 501, 100),
      cost_usd: meanSummary(1000, 0.01, 0.002),
    },
  },
  plannedSamplePerVariant: 1000,
});

describe('metricTables', () => {
  const tables = metricTables(results);

  it('gives one table per metric with units, direction and the test in words', () => {
    expect(tables.map((t) => [t.key, t.name, t.role])).toEqual([
      ['accuracy', 'Accuracy', 'primary'],
      ['latency_ms', 'Latency', 'guardrail'],
      ['cost_usd', 'Cost', 'secondary'],
    ]);
    expect(tables[0]?.unit).toMatch(/^% — share of predictions/);
    expect(tables[1]).toMatchObject({ unit: 'ms per analysis', directionLabel: 'lower is better' });
    expect(tables[0]?.method).toBe(
      'Sequential test (valid at every look), 95 % intervals, p-values corrected (holm)',
    );
  });

  it('shows control first, then each variant with signed effects, intervals and their verdict', () => {
    const [control, haiku, sonnet] = tables[0]!.rows;
    expect(control).toMatchObject({ variant: 'control', isControl: true, mean: '30.0 %', absolute: null });
    expect(control?.n).toBe('1,000 observations');
    expect(haiku).toMatchObject({
      variant: 'haiku',
      mean: '60.0 %',
      absolute: '+30.0 pp',
      relative: '+100.0 %',
    });
    expect(haiku?.absoluteInterval).toMatch(/^\+\d+\.\d pp to \+\d+\.\d pp$/);
    expect(haiku?.relativeInterval).toMatch(/^\+\d+\.\d % to \+\d+\.\d %$/);
    expect(haiku).toMatchObject({
      pValue: '< 0.001',
      pValueCorrected: '< 0.001',
      chanceToWin: '100 %',
      verdict: 'better',
    });
    expect(sonnet?.verdict).toBe('unclear');
    // Slower is worse for latency, whatever the sign of the difference.
    expect(tables[1]!.rows.find((r) => r.variant === 'haiku')).toMatchObject({
      absolute: '+200 ms',
      verdict: 'worse',
    });
  });

  it('says why a comparison has no numbers instead of showing zeros', () => {
    const cost = tables[2]!.rows.find((r) => r.variant === 'haiku');
    expect(cost?.absolute).toBeNull();
    expect(cost?.note).toMatch(/\w/);
    expect(tables[2]!.rows[0]?.mean).toBe('—');
  });
});

describe('metricTables when a relative effect is undefined or a metric is refused', () => {
  // The statistical analyzer is free: a control cost of 0 USD leaves the relative effect undefined; the latency sums
  // recorded for haiku imply a negative variance (n = 2, GrowthBook's test_two_sided_ttest_missing_variance numbers).
  const zeroCost = { n: 1000, sum: 0, sumSquares: 0 };
  const odd = computeResults({
    metrics: [
      { key: 'accuracy', kind: 'proportion', direction: 'higher-is-better', role: 'primary' },
      { key: 'cost_usd', label: 'cost_usd', kind: 'mean', direction: 'lower-is-better', role: 'secondary' },
      {
        key: 'latency_ms',
        label: 'latency_ms',
        kind: 'mean',
        direction: 'lower-is-better',
        role: 'guardrail',
      },
    ],
    variants: [
      { name: 'control', weight: 1, isControl: true },
      { name: 'haiku', weight: 1, isControl: false },
    ],
    summaries: {
      control: {
        accuracy: proportionSummary(300, 1000),
        cost_usd: zeroCost,
        latency_ms: meanSummary(1000, 500, 100),
      },
      haiku: {
        accuracy: proportionSummary(330, 1000),
        cost_usd: meanSummary(1000, 0.002, 0.0005),
        latency_ms: { n: 2, sum: 1396.87, sumSquares: 52377.9767 },
      },
    },
    plannedSamplePerVariant: 1000,
  });
  const [, cost, latency] = metricTables(odd);

  it('shows the absolute effect and says the relative one is undefined', () => {
    const haiku = cost!.rows[1]!;
    expect(haiku.absolute).toMatch(/^\+/);
    expect(haiku.relative).toBeNull();
    expect(haiku.note).toBe(
      'relative effect undefined: the control mean is 0 (the absolute effect is reported)',
    );
    expect(forestRows(odd).missing).toContain(
      'Cost · haiku: relative effect undefined: the control mean is 0 (the absolute effect is reported)',
    );
  });

  it('states a refused metric as a sentence and shows no numbers for it', () => {
    expect(cost!.refusal).toBeNull();
    expect(latency!.refusal).toMatch(
      /^Cannot compute latency_ms: the sums recorded for haiku are impossible \(Σy² = 52,377\.98 is less than/,
    );
    expect(latency!.rows.map((r) => r.mean)).toEqual(['—', '—']);
    expect(latency!.rows[1]).toMatchObject({ absolute: null, relative: null, note: odd.metrics[2]!.refusal });
  });
});

describe('forestRows', () => {
  it('has a row per metric and non-control variant with a relative effect, in percent, and lists the rest', () => {
    const { rows, missing } = forestRows(results);
    expect(rows.map((r) => r.id)).toEqual([
      'accuracy:haiku',
      'accuracy:sonnet',
      'latency_ms:haiku',
      'latency_ms:sonnet',
    ]);
    expect(rows.map((r) => r.y)).toEqual([0, 1, 2, 3]);
    const haiku = rows[0]!;
    expect(haiku.estimate).toBe(100);
    expect(haiku.lower).toBeLessThan(100);
    expect(haiku.upper).toBeGreaterThan(100);
    expect(haiku.errorX[0]).toBeCloseTo(haiku.estimate - haiku.lower, 6);
    expect(haiku.errorX[1]).toBeCloseTo(haiku.upper - haiku.estimate, 6);
    expect(haiku).toMatchObject({ label: 'Accuracy · haiku', verdict: 'better' });
    expect(rows[2]).toMatchObject({ estimate: 40, verdict: 'worse' });
    expect(haiku.text).toMatch(/^Accuracy · haiku: \+100\.0 % \(interval \+\d+\.\d % to \+\d+\.\d %\)$/);
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(/^Cost · haiku: /);
  });

  it('calls nothing better or worse without significance', () => {
    expect(verdictOf('higher-is-better', null)).toBe('unclear');
  });
});

describe('cumulativeSeries', () => {
  const point = (
    day: string,
    variant: string,
    relative: number | null,
    metric = 'accuracy',
  ): CumulativePoint => ({
    day,
    metric,
    variant,
    n: 10,
    relative,
    lower: relative === null ? null : relative - 0.1,
    upper: relative === null ? null : relative + 0.1,
  });

  it('gives one row per day and a value and band per variant, in percent, for the chosen metric only', () => {
    const series = cumulativeSeries(
      [
        point('2026-11-02', 'haiku', 0.2),
        point('2026-11-01', 'haiku', null),
        point('2026-11-02', 'sonnet', -0.05),
        point('2026-11-02', 'haiku', 0.5, 'latency_ms'),
      ],
      'accuracy',
    );
    expect(series.variants).toEqual(['haiku', 'sonnet']);
    expect(series.rows).toEqual([
      {
        day: '2026-11-01',
        values: { haiku: null, sonnet: null },
        ranges: { haiku: null, sonnet: null },
        errors: { haiku: null, sonnet: null },
      },
      {
        day: '2026-11-02',
        values: { haiku: 20, sonnet: -5 },
        ranges: { haiku: [10, 30], sonnet: [-15, 5] },
        errors: { haiku: [10, 10], sonnet: [10, 10] },
      },
    ]);
    expect(cumulativeSummary(series, 'Accuracy')).toBe(
      'Accuracy, relative effect against control as of 2026-11-02: haiku +20.0 % (interval +10.0 % to +30.0 %); sonnet −5.0 % (interval −15.0 % to +5.0 %)',
    );
    expect(cumulativeSummary(cumulativeSeries([], 'accuracy'), 'Accuracy')).toBe(
      'Accuracy: no daily results yet',
    );
  });
});

describe('niceTicks', () => {
  it('covers the intervals and 0 with round steps', () => {
    expect(niceTicks(-76, 143)).toEqual([-100, -50, 0, 50, 100, 150]);
    expect(niceTicks(3, 17)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(-2.4, -0.3)).toEqual([-2.5, -2, -1.5, -1, -0.5, 0]);
    expect(niceTicks(0, 0)).toEqual([0, 0.2]);
  });
});
