import { z } from 'zod';
import { experimentKeySchema } from '@/lib/experiments/experiment';

/** The path parameter of every /experiments/{id} route: the experiment's key (a slug). */
export const experimentParams = z.strictObject({ experimentId: experimentKeySchema });
