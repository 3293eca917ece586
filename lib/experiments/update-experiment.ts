import type { Experiment, ExperimentPatch } from './experiment';
import { applyPatch } from './lifecycle';
import { changeExperiment } from './save-experiment';

/**
 * Edits an experiment (PATCH): anything while a draft; once started only weights and ramp steps not yet reached.
 * 404 unknown, 400 bad field, 422 not editable now, 409 when `expectedRevision` is stale or someone wrote meanwhile.
 */
export function updateExperiment(
  key: string,
  patch: ExperimentPatch,
  options: { by: string; expectedRevision?: number; now?: Date },
): Promise<Experiment> {
  return changeExperiment(key, (e) => applyPatch(e, patch, options.by, options.now ?? new Date()), options);
}
