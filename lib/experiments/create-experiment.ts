import { ConditionFailedError, putItem } from '../db/items';
import { conflict } from '../errors/domain-error';
import {
  experimentDefinitionSchema,
  parseInput,
  type Experiment,
  type ExperimentDefinitionInput,
} from './experiment';
import { newExperiment } from './lifecycle';
import { experimentItem } from './save-experiment';

/** Creates a draft from `input` (400 naming each bad field; 409 when the key is taken). */
export async function createExperiment(
  input: ExperimentDefinitionInput,
  by: string,
  now = new Date(),
): Promise<Experiment> {
  const experiment = newExperiment(parseInput(experimentDefinitionSchema, input), by, now);
  try {
    await putItem('experiments', experimentItem(experiment), {
      condition: 'attribute_not_exists(experimentId)',
    });
  } catch (error) {
    if (error instanceof ConditionFailedError)
      throw conflict(`An experiment with the key ${experiment.key} exists already; choose another key.`);
    throw error;
  }
  return experiment;
}
