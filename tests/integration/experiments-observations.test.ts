import { afterAll, describe, expect, it } from 'vitest';
import { queryItems } from '@/lib/db/items';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { getObservationSummary } from '@/lib/experiments/get-observation-summary';
import { recordObservation } from '@/lib/experiments/record-observation';
import { transitionExperiment } from '@/lib/experiments/transition-experiment';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { useTestStack } from './support/test-stack';
import { apiError, BY, definition, grantExperimentDefaults, started } from './support/experiments-kit';

// Customers without a consent entry allow what experiments need; some tests withdraw it explicitly.
grantExperimentDefaults();

describe('experiments: observations', () => {
  useTestStack();
  afterAll(async () => {
    await closeEventPublisher();
  });

  it('records observations once per id as running sums per variant, metric and day', async () => {
    await createExperiment(definition('observed'), BY);
    const early = await apiError(
      recordObservation('observed', { observationId: 'o0', variant: 'control', values: { cost_usd: 0 } }),
    );
    expect(early.status).toBe(422);
    await transitionExperiment('observed', { to: 'running' }, { by: BY });

    const day1 = '2026-03-02T10:00:00Z';
    const day2 = '2026-03-03T10:00:00Z';
    const observations = [
      {
        id: 'a1',
        variant: 'haiku',
        at: day1,
        values: { cost_usd: 0.002, latency_ms: 800, accuracy: 1 },
        pre: 0.5,
      },
      {
        id: 'a2',
        variant: 'haiku',
        at: day1,
        values: { cost_usd: 0.003, latency_ms: 1200, accuracy: 0 },
        pre: 0.4,
      },
      {
        id: 'a3',
        variant: 'haiku',
        at: day2,
        values: { cost_usd: 0.001, latency_ms: 1000, accuracy: 1 },
        pre: 0.9,
      },
      {
        id: 'b1',
        variant: 'control',
        at: day1,
        values: { cost_usd: 0, latency_ms: 5, accuracy: 0 },
        pre: 0.2,
      },
      {
        id: 'b2',
        variant: 'control',
        at: day2,
        values: { cost_usd: 0, latency_ms: 7, accuracy: 1 },
        pre: 0.6,
      },
    ];
    for (const o of observations) {
      const result = await recordObservation('observed', {
        observationId: o.id,
        variant: o.variant,
        at: o.at,
        values: o.values,
        covariates: { accuracy: o.pre },
      });
      expect(result).toEqual({ recorded: true });
    }
    // Redelivered: once sequentially, and 20 times at once.
    expect(
      await recordObservation('observed', {
        observationId: 'a1',
        variant: 'haiku',
        at: day1,
        values: observations[0]!.values,
      }),
    ).toEqual({ recorded: false });
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        recordObservation('observed', {
          observationId: 'burst',
          variant: 'haiku',
          at: day2,
          values: { schema_valid: 1 },
        }),
      ),
    );
    expect(burst.filter((r) => r.recorded)).toHaveLength(1);

    const summary = await getObservationSummary('observed');
    const total = (variant: string, metric: string) =>
      summary.totals.find((t) => t.variant === variant && t.metric === metric)!;
    const latency = total('haiku', 'latency_ms');
    expect(latency).toMatchObject({ n: 3, sum: 3000, sumSquares: 800 ** 2 + 1200 ** 2 + 1000 ** 2 });
    expect(total('haiku', 'cost_usd').sum).toBeCloseTo(0.006, 12);
    expect(total('haiku', 'schema_valid')).toMatchObject({ n: 1, sum: 1 });
    const accuracy = total('haiku', 'accuracy');
    expect(accuracy).toMatchObject({ n: 3, sum: 2, sumSquares: 2, nX: 3 });
    expect(accuracy.sumX).toBeCloseTo(1.8, 12);
    expect(accuracy.sumXSquares).toBeCloseTo(0.25 + 0.16 + 0.81, 12);
    expect(accuracy.sumXY).toBeCloseTo(0.5 + 0.9, 12);
    // The derived ratio's cross terms, from observations holding both its parts.
    const ratio = total('haiku', 'cost_per_correct');
    expect(ratio.n).toBe(3);
    expect(ratio.sum).toBeCloseTo(0.006, 12);
    expect(ratio.sumDen).toBe(2);
    expect(ratio.sumNumDen).toBeCloseTo(0.003, 12);
    expect(total('control', 'latency_ms')).toMatchObject({ n: 2, sum: 12 });

    const series = summary.series.filter((s) => s.variant === 'haiku' && s.metric === 'latency_ms');
    expect(series.map((s) => [s.day, s.daily.n, s.cumulative.n, s.cumulative.sum])).toEqual([
      ['2026-03-02', 2, 2, 2000],
      ['2026-03-03', 1, 3, 3000],
    ]);

    // The summary reads one item per variant, metric and day, however many observations there were.
    for (let i = 0; i < 30; i++)
      await recordObservation('observed', {
        observationId: `more_${i}`,
        variant: 'control',
        at: day2,
        values: { latency_ms: 6 },
      });
    const cells = await queryItems('experiment_observations', {
      keyCondition: 'experimentId = :e AND begins_with(#c, :p)',
      names: { '#c': 'cell' },
      values: { ':e': 'observed', ':p': 'sum#' },
    });
    const summaryAfter = await getObservationSummary('observed');
    expect(cells).toHaveLength(summaryAfter.series.length);
    expect(cells.length).toBeLessThan(20);
    expect(summaryAfter.totals.find((t) => t.variant === 'control' && t.metric === 'latency_ms')!.n).toBe(32);
  });

  it('refuses observations it cannot place', async () => {
    await started('observed-strict');
    const refusedWith = async (input: Parameters<typeof recordObservation>[1]) => {
      const error = await apiError(recordObservation('observed-strict', input));
      return [error.status, error.errors?.[0]?.path];
    };
    expect(await refusedWith({ observationId: 'x1', variant: 'sonnet', values: { cost_usd: 0.01 } })).toEqual(
      [400, 'body.variant'],
    );
    expect(await refusedWith({ observationId: 'x2', variant: 'haiku', values: { happiness: 1 } })).toEqual([
      400,
      'body.values.happiness',
    ]);
    expect(await refusedWith({ observationId: 'x3', variant: 'haiku', values: { accuracy: 2 } })).toEqual([
      400,
      'body.values.accuracy',
    ]);
    expect(
      await refusedWith({ observationId: 'x4', variant: 'haiku', values: { cost_per_correct: 0.1 } }),
    ).toEqual([400, 'body.values.cost_per_correct']);
    expect(await refusedWith({ observationId: 'x5', variant: 'haiku', values: { latency_ms: -1 } })).toEqual([
      400,
      'body.values.latency_ms',
    ]);
    expect(await refusedWith({ observationId: 'x6', variant: 'haiku', values: {} })).toEqual([
      400,
      'body.values',
    ]);
    expect(
      (
        await apiError(
          recordObservation('no-such-experiment', {
            observationId: 'x7',
            variant: 'haiku',
            values: { cost_usd: 1 },
          }),
        )
      ).status,
    ).toBe(404);
    // A holdout observation is accepted; nothing refused was counted.
    expect(
      await recordObservation('observed-strict', {
        observationId: 'h1',
        variant: 'holdout',
        values: { latency_ms: 4 },
      }),
    ).toEqual({
      recorded: true,
    });
    expect(
      (await getObservationSummary('observed-strict')).totals.map((t) => `${t.variant}:${t.metric}`),
    ).toEqual(['holdout:latency_ms']);

    await transitionExperiment('observed-strict', { to: 'stopped', reason: 'done' }, { by: BY });
    expect(
      await recordObservation('observed-strict', {
        observationId: 'late',
        variant: 'haiku',
        values: { accuracy: 1 },
      }),
    ).toEqual({
      recorded: true,
    });
    await transitionExperiment(
      'observed-strict',
      { to: 'concluded', reason: 'haiku better', winner: 'haiku' },
      { by: BY },
    );
    const final = await apiError(
      recordObservation('observed-strict', {
        observationId: 'later',
        variant: 'haiku',
        values: { accuracy: 1 },
      }),
    );
    expect(final.status).toBe(422);
  });
});
