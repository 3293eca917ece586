import { getConfig } from '../../config';
import type { CustomerItem } from '../../customers/customer';
import { listAllCustomers } from '../../customers/list-all-customers';
import type { AnalyzerConfig } from '../../analysis/analyzers/analyzer-config';
import { customerNumbers } from '../../analysis/customer-numbers';
import { customerFeatures } from '../../analysis/features';
import { fitPopulationModel } from '../../analysis/population-model';
import { forEachLimit } from '../../for-each-limit';
import { allConsentStates } from '../../privacy/consent/consent-states';
import { pseudonymFor } from '../../privacy/pseudonym';
import { createPrng } from '../../math/prng';
import { epochDayToDay, storeDayStart, storeEpochDay } from '../../time/store-time';
import { advanceRamp } from '../advance-ramp';
import { assignVariant } from '../assign-variant';
import { createExperiment } from '../create-experiment';
import { getExperiment, requireExperiment } from '../get-experiment';
import { accuracyCell, predictionFrom } from '../outcomes/outcome-cells';
import { openOutcome } from '../outcomes/outcome-store';
import { recordObservation } from '../record-observation';
import { outcomeFromHistory } from '../shadow/history-outcome';
import { transitionExperiment } from '../transition-experiment';

export const DEMO_EXPERIMENT = 'next-purchase-timing';
const BY = 'system:demo';
const DAY = 86_400_000;
const RAN_DAYS = 42;

/**
 * The demo's running experiment, with six weeks of history made the honest way: two statistical analyzers whose
 * next-purchase windows come from different models, both 80 % — the gap from the last purchase (the model before,
 * control) against the category timing model (the product's) — judged on the interval score of their windows,
 * started six weeks before the seed's end, ramped 50 % → 100 % after three days. Each shopper who allows
 * personalization is assigned on a day of those six weeks (by the experiment's own hashing, so the 50 % step leaves
 * some out until the ramp moves); the models as of the start predict their next purchase as of that day with their
 * variant's timing; and the seeded orders after it score the prediction (outcome-cells.ts: the interval score and
 * bought_within_horizon when the category was bought within 90 days, accuracy beside them), or — where neither the
 * purchase nor the horizon's end has come by the seed's end — leave it pending, for the worker to resolve from live
 * purchases like any other. Latency is measured, cost is zero (no language model). Does nothing when the experiment
 * exists.
 */
export async function seedDemoExperiment(
  end: Date,
  log: (line: string) => void = console.log,
): Promise<{ assigned: number; resolved: number; pending: number } | undefined> {
  if (await getExperiment(DEMO_EXPERIMENT)) return undefined;
  // Days are the store's, as the purchase digests count them; `at(day, h)` is h hours into one on its clock.
  const { STORE_TIMEZONE: timeZone, STORE_CURRENCY: currency } = getConfig();
  const at = (day: number, hours: number) =>
    new Date(storeDayStart(epochDayToDay(day), timeZone).getTime() + hours * 3_600_000);
  const started = new Date(end.getTime() - RAN_DAYS * DAY);
  const startDay = storeEpochDay(started, timeZone);
  const [all, consent] = await Promise.all([listAllCustomers(), allConsentStates()]);
  const customers = all.filter(
    (c) => c.purchases?.days.length && consent.stateOf(c.customerId).personalization,
  );
  const atStart = customers.flatMap((c) => customerFeatures(c.purchases!, startDay) ?? []);
  if (atStart.length < 10) return undefined; // too few shoppers for models, or for an experiment
  const model = fitPopulationModel(atStart, epochDayToDay(startDay), currency, started);

  await createExperiment(
    {
      key: DEMO_EXPERIMENT,
      name: 'Next-purchase timing: the gap alone or the category timing model?',
      hypothesis:
        'Windows from the category timing model (the silence so far, whether they still buy it) are narrower and miss by less than windows from the gap since the last purchase, so reminders land closer to when customers buy.',
      variants: [
        { name: 'gap-only', analyzer: { provider: 'statistical', timing: 'gap' }, weight: 50 },
        { name: 'category-timing', analyzer: { provider: 'statistical', timing: 'category' }, weight: 50 },
      ],
      controlVariant: 'gap-only',
      primaryMetric: 'interval_score',
      secondaryMetrics: ['bought_within_horizon', 'accuracy', 'latency_ms'],
      guardrails: [{ metric: 'schema_valid', tolerancePercent: 5 }],
      plannedSampleSizePerVariant: Math.max(100, Math.round(customers.length / 2)),
      rampSteps: [50, 100],
    },
    BY,
    new Date(started.getTime() - DAY),
  );
  await transitionExperiment(
    DEMO_EXPERIMENT,
    { to: 'running', reason: 'demo: six weeks of history seeded from the demo orders' },
    { by: BY, now: started },
  );

  const rng = createPrng(`demo-experiment:${DEMO_EXPERIMENT}`);
  const joins = customers.map((c) => ({ c, day: startDay + rng.int(0, RAN_DAYS - 1) }));
  const rampDay = startDay + 3;
  const counts = { assigned: 0, resolved: 0, pending: 0 };
  const assign = async (list: typeof joins) => {
    const experiment = await requireExperiment(DEMO_EXPERIMENT);
    const left: typeof joins = [];
    await forEachLimit(list, 8, async (j) => {
      const outcome = await assignVariant(DEMO_EXPERIMENT, j.c.customerId, {
        experiment,
        now: at(j.day, 10),
      });
      if (!outcome.inExperiment) {
        if (outcome.reason === 'outside_ramp') left.push({ ...j, day: Math.max(j.day, rampDay) });
        return;
      }
      counts.assigned++;
      await observe(j.c, j.day, outcome.variant, experiment.variants, counts);
    });
    return left;
  };
  // The first three days at 50 %: those left out join once the ramp reaches 100 %.
  const waiting = await assign(joins.filter((j) => j.day < rampDay));
  await advanceRamp(
    DEMO_EXPERIMENT,
    {
      guardrailCheck: {
        passed: true,
        results: [{ metric: 'schema_valid', passed: true, detail: 'every analysis valid in both variants' }],
      },
      reason: 'three days at 50 % with the guardrail holding',
    },
    { by: BY, now: at(rampDay, 9) },
  );
  await assign([...waiting, ...joins.filter((j) => j.day >= rampDay)]);

  /**
   * As the nightly analysis would: a prediction on the day they join; once it is resolved, the next analysis makes
   * the next one (an open prediction holds back new ones), until the seed's end leaves one open or none is made.
   */
  async function observe(
    customer: CustomerItem,
    joinDay: number,
    variant: string,
    variants: readonly { name: string; analyzer: AnalyzerConfig }[],
    tally: typeof counts,
  ) {
    const analyzer = variants.find((v) => v.name === variant)?.analyzer;
    const digest = customer.purchases!;
    const id = customer.customerId;
    const endDay = storeEpochDay(end, timeZone);
    for (let day = joinDay; day < endDay;) {
      const f = customerFeatures(digest, day);
      if (!f) return;
      const asOf = epochDayToDay(day);
      const t0 = performance.now();
      const statistical = analyzer?.provider === 'statistical' ? analyzer : undefined;
      const { numbers } = customerNumbers(model, f, asOf, createPrng(`${id}:${asOf}`), {
        currency,
        nextPurchaseCoverage: statistical?.nextPurchaseCoverage,
        timing: statistical?.timing,
      });
      const latency = performance.now() - t0;
      const madeAt = at(day, 2).toISOString(); // the nightly run
      await recordObservation(DEMO_EXPERIMENT, {
        observationId: `analysis:${id}:${asOf}`,
        variant,
        at: madeAt,
        values: { latency_ms: Math.round(latency * 1000) / 1000, cost_usd: 0, tokens: 0, schema_valid: 1 },
      });
      const prediction = predictionFrom(numbers, timeZone);
      if (!prediction) return; // nothing due to predict (lapsed, or no regular category)
      const observationId = `accuracy:${id}:${asOf}`;
      const outcome = outcomeFromHistory(digest, day, prediction, end, timeZone);
      if (outcome === 'pending') {
        await openOutcome({
          experimentId: DEMO_EXPERIMENT,
          cell: accuracyCell(pseudonymFor(id)),
          metric: 'accuracy',
          variant,
          observationId,
          customerId: id,
          madeAt,
          ...prediction,
          costUsd: 0,
        });
        tally.pending++;
        return;
      }
      const resolvedAt = outcome.at;
      await recordObservation(
        DEMO_EXPERIMENT,
        { observationId, variant, at: resolvedAt.toISOString(), values: outcome.values },
        resolvedAt,
        { ratioOnly: { cost_usd: 0 } }, // the analysis's cost, for cost per correct prediction
      );
      tally.resolved++;
      day = Math.max(day + 1, storeEpochDay(resolvedAt, timeZone) + 1);
    }
  }

  log(
    `demo experiment "${DEMO_EXPERIMENT}": ${counts.assigned} shoppers assigned over ${RAN_DAYS} days, ` +
      `${counts.resolved} predictions resolved from the orders, ${counts.pending} still open`,
  );
  return counts;
}
