import { getItem } from '../db/items';
import { notFound } from '../errors/domain-error';
import { experimentKeySchema, experimentSchema, type Experiment } from './experiment';

/** The experiment with this key (latest write), or undefined. */
export async function getExperiment(key: string): Promise<Experiment | undefined> {
  if (!experimentKeySchema.safeParse(key).success) return undefined;
  const item = await getItem('experiments', { experimentId: key }, { consistent: true });
  return item ? experimentSchema.parse(item) : undefined;
}

/** The experiment with this key, or a 404. */
export async function requireExperiment(key: string): Promise<Experiment> {
  const experiment = await getExperiment(key);
  if (!experiment) throw notFound(`No experiment ${key}.`);
  return experiment;
}
