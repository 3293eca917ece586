import { getConfig } from '../config';
import { unprocessable } from '../errors/domain-error';
import type { ExperimentResultsResponse } from './api-contract';
import { readCounters } from './counters';
import { cumulativeEffects } from './cumulative-effects';
import type { Experiment } from './experiment';
import { requireExperiment } from './get-experiment';
import { getObservationSummary } from './get-observation-summary';
import { buildResultsInput, costPerCorrectOf, predictionScoresOf } from './results-input';
import { computeResults } from './stats/compute-results';

/**
 * An experiment's results now (GET /experiments/{id}/results): the observation sums (O(variants × metrics × days)
 * items) and the counters (assignments per variant for the sample-ratio check, pending outcomes) read in parallel,
 * then the statistics engine with its defaults — the always-valid sequential test, Holm's correction, α = 0.05 —
 * the cumulative-effect series, cost per correct prediction and outcomes still pending. 404 for an unknown key.
 * Sums that no data can produce refuse only their metric (`status: 'refused'` with the sentence, shown on the page);
 * a configuration the engine cannot work with is a 422.
 */
export async function getExperimentResults(
  key: string,
  now = new Date(),
): Promise<ExperimentResultsResponse> {
  return resultsFor(await requireExperiment(key), now);
}

/** `series: false` skips the cumulative chart (one engine call per day), for the list's decisions and checks. */
export async function resultsFor(
  experiment: Experiment,
  now = new Date(),
  options: { series?: boolean } = {},
): Promise<ExperimentResultsResponse> {
  const [summary, counters] = await Promise.all([
    getObservationSummary(experiment.key),
    readCounters(experiment.key),
  ]);
  const input = buildResultsInput(experiment, summary.totals, counters.assigned, counters.expected);
  try {
    const results = computeResults(input);
    const pending = counters.pending.accuracy ?? {};
    return {
      experiment,
      asOf: now.toISOString(),
      timeZone: getConfig().STORE_TIMEZONE,
      results,
      sample: {
        plannedPerVariant: experiment.plannedSampleSizePerVariant ?? null,
        assignedPerVariant: input.assignments ?? {},
      },
      cumulative: options.series === false ? [] : cumulativeEffects(experiment, summary.series, input),
      costPerCorrect: costPerCorrectOf(experiment, summary.totals),
      predictionScores: predictionScoresOf(experiment, summary.totals),
      pendingOutcomes: Object.fromEntries(experiment.variants.map((v) => [v.name, pending[v.name] ?? 0])),
    };
  } catch (error) {
    // The engine names a configuration it cannot work with in a sentence (impossible sums do not get here).
    if (error instanceof RangeError)
      throw unprocessable(`The results of ${experiment.key} cannot be computed: ${error.message}`);
    throw error;
  }
}
