import { assignVariant } from './assign-variant';
import type { AnalyzerConfig } from './experiment';
import { findRunningExperimentFor } from './find-running-experiment';

export interface AnalyzerChoice {
  experimentKey: string;
  /** The variant's name, or `holdout` (served control's analyzer). */
  variant: string;
  holdout: boolean;
  analyzer: AnalyzerConfig;
  /** Entered the experiment with this call. */
  new: boolean;
}

/**
 * For the analysis pipeline: the analyzer a running experiment chooses for this customer, or undefined (no running
 * experiment targets them, or they are not in it: use the configured analyzer). Assigns on first call.
 */
export async function chooseAnalyzerVariant(
  customer: { customerId: string; segment?: string | null },
  now = new Date(),
): Promise<AnalyzerChoice | undefined> {
  const experiment = await findRunningExperimentFor(customer);
  if (!experiment) return undefined;
  const outcome = await assignVariant(experiment.key, customer.customerId, { experiment, now });
  if (!outcome.inExperiment || !outcome.active) return undefined;
  return {
    experimentKey: outcome.experimentKey,
    variant: outcome.variant,
    holdout: outcome.holdout,
    analyzer: outcome.analyzer,
    new: outcome.new,
  };
}
