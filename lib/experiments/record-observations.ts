import type { z } from 'zod';
import { batchGet } from '../db/batch';
import { DomainError, invalid } from '../errors/domain-error';
import { forEachLimit } from '../for-each-limit';
import type { ObservationsResponse, observationsBodySchema } from './api-contract';
import { assignmentSchema } from './assignment';
import { requireExperiment } from './get-experiment';
import { checkObservation, observationSchema, recordObservation } from './record-observation';

type ObservationsBody = z.output<typeof observationsBodySchema>;

/** Ids sent over the API live apart from the pipeline's own (`analysis:…`, `accuracy:…`), so neither can block the other. */
const apiObservationId = (id: string) => `api:${id}`;

/**
 * A batch of observations from the storefront (POST /experiments/{id}/observations): each customer's variant is
 * taken from their stored assignment, every observation is checked before any is recorded (so a bad one leaves
 * nothing half-done), then each is recorded once per observation id. 404 for an unknown experiment or a customer
 * not assigned to it (with the path of each), 400 for a bad metric or value, 422 for a draft or concluded one.
 */
export async function recordObservations(
  key: string,
  body: ObservationsBody,
  now = new Date(),
): Promise<ObservationsResponse> {
  const experiment = await requireExperiment(key);
  const customers = [...new Set(body.observations.map((o) => o.customerId))];
  const rows = await batchGet(
    'experiment_assignments',
    customers.map((customerId) => ({ experimentId: experiment.key, customerId })),
    { consistent: true },
  );
  const variantOf = new Map(
    rows.map((row) => assignmentSchema.parse(row)).map((a) => [a.customerId, a.variant]),
  );
  const unassigned = body.observations
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => !variantOf.has(o.customerId));
  if (unassigned.length) {
    const message = 'is not assigned to this experiment (ask POST …/assignments first)';
    throw new DomainError(
      'not_found',
      `${unassigned[0]!.o.customerId} is not in experiment ${experiment.key}${unassigned.length > 1 ? ` (and ${unassigned.length - 1} more customers)` : ''}.`,
      {
        errors: unassigned
          .slice(0, 20)
          .map(({ i }) => ({ path: `body.observations.${i}.customerId`, message })),
      },
    );
  }

  const inputs = body.observations.map((o, i) => {
    const parsed = observationSchema.safeParse({
      observationId: apiObservationId(o.observationId),
      variant: variantOf.get(o.customerId)!,
      values: o.values,
      ...(o.at ? { at: o.at } : {}),
      ...(o.covariates ? { covariates: o.covariates } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = `body.observations.${i}.${issue.path.map(String).join('.')}`;
      throw invalid(`${path}: ${issue.message}`, [{ path, message: issue.message }]);
    }
    checkObservation(experiment, parsed.data, `observations.${i}.`);
    return parsed.data;
  });

  let recorded = 0;
  let duplicates = 0;
  await forEachLimit(inputs, 8, async (input) => {
    const result = await recordObservation(experiment.key, input, now, { experiment });
    if (result.recorded) recorded += 1;
    else duplicates += 1;
  });
  return { recorded, duplicates };
}
