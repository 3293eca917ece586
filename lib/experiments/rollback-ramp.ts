import type { Experiment } from './experiment';
import { applyRampRollback, type RampRollbackInput } from './ramp';
import { changeExperiment } from './save-experiment';

/**
 * Rolls the ramp back after a failed guardrail: to the step before, or to 0 % (which pauses the experiment). The
 * failed guardrail is named in the ramp history.
 */
export function rollbackRamp(
  key: string,
  input: RampRollbackInput,
  options: { by: string; expectedRevision?: number; now?: Date },
): Promise<Experiment> {
  return changeExperiment(
    key,
    (e) => applyRampRollback(e, input, options.by, options.now ?? new Date()),
    options,
  );
}
