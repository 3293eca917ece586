import { ConditionFailedError, putItem } from '../db/items';
import { conflict } from '../errors/domain-error';
import type { Experiment } from './experiment';
import { requireExperiment } from './get-experiment';

/** The stored item: the key doubles as the table's `experimentId`. */
export const experimentItem = (e: Experiment) => ({ experimentId: e.key, ...e });

const changedMeanwhile = (key: string) =>
  conflict(`Experiment ${key} changed meanwhile; reload it and try again.`);

/**
 * Reads the experiment, applies `apply` (a pure rule from lifecycle.ts or ramp.ts) and writes the result only if the
 * revision is still the one read — and, when the caller says which revision it saw, only if that is the one stored.
 * Either mismatch is a 409.
 */
export async function changeExperiment(
  key: string,
  apply: (experiment: Experiment) => Experiment,
  options: { expectedRevision?: number } = {},
): Promise<Experiment> {
  const current = await requireExperiment(key);
  if (options.expectedRevision !== undefined && options.expectedRevision !== current.revision)
    throw conflict(
      `Experiment ${key} is at revision ${current.revision}, not ${options.expectedRevision}; reload it and try again.`,
    );
  const next = apply(current);
  try {
    await putItem('experiments', experimentItem(next), {
      condition: '#revision = :revision',
      names: { '#revision': 'revision' },
      values: { ':revision': current.revision },
    });
  } catch (error) {
    if (error instanceof ConditionFailedError) throw changedMeanwhile(key);
    throw error;
  }
  return next;
}
