import { forEachLimit } from '../for-each-limit';
import type { ExperimentListItem } from './api-contract';
import type { Experiment, ExperimentStatus } from './experiment';
import { resultsFor } from './get-experiment-results';
import { currentPercent } from './lifecycle';
import { listExperiments } from './list-experiments';

const DAY_MS = 86_400_000;

/**
 * The experiments list (GET /experiments): each experiment with how long it has run, the ramp step in force and the
 * statistics' decision now (null for a draft, or when its results cannot be computed). Newest first, at most 100.
 */
export async function listExperimentRows(
  options: { status?: ExperimentStatus; now?: Date } = {},
): Promise<ExperimentListItem[]> {
  const now = options.now ?? new Date();
  const experiments = await listExperiments(options.status ? { status: options.status } : {});
  const decisions = new Map<string, ExperimentListItem['decision']>();
  await forEachLimit(
    experiments.filter((e) => e.status !== 'draft'),
    4,
    async (e) => {
      try {
        decisions.set(e.key, (await resultsFor(e, now, { series: false })).results.decision);
      } catch {
        decisions.set(e.key, null); // the detail page says why
      }
    },
  );
  return experiments.map((experiment) => ({
    experiment,
    daysRunning: daysRunning(experiment, now),
    rampPercent: currentPercent(experiment),
    decision: decisions.get(experiment.key) ?? null,
  }));
}

/** Whole days from the start to now, or to the stop for a stopped or concluded experiment. */
function daysRunning(e: Experiment, now: Date): number | null {
  if (!e.startedAt) return null;
  const end = e.stoppedAt ? Date.parse(e.stoppedAt) : now.getTime();
  return Math.max(0, Math.floor((end - Date.parse(e.startedAt)) / DAY_MS));
}
