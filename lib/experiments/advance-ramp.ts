import type { Experiment } from './experiment';
import { applyRampAdvance, type RampAdvanceInput } from './ramp';
import { changeExperiment } from './save-experiment';

/** Moves a running experiment to its next ramp step after a passing guardrail check (422 otherwise). */
export function advanceRamp(
  key: string,
  input: RampAdvanceInput,
  options: { by: string; expectedRevision?: number; now?: Date },
): Promise<Experiment> {
  return changeExperiment(
    key,
    (e) => applyRampAdvance(e, input, options.by, options.now ?? new Date()),
    options,
  );
}
