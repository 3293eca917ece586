import type { Experiment } from './experiment';
import { applyTransition, type TransitionInput } from './lifecycle';
import { changeExperiment } from './save-experiment';

/**
 * Moves an experiment along its lifecycle (start, pause, resume, stop, conclude) with the reason in its history.
 * 422 for a move its status does not allow; 409 as for updateExperiment.
 */
export function transitionExperiment(
  key: string,
  input: TransitionInput,
  options: { by: string; expectedRevision?: number; now?: Date },
): Promise<Experiment> {
  return changeExperiment(
    key,
    (e) => applyTransition(e, input, options.by, options.now ?? new Date()),
    options,
  );
}
