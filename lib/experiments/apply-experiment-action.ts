import type { z } from 'zod';
import type { AuditActor } from '../privacy/audit/audit-entry';
import { advanceRamp } from './advance-ramp';
import type { experimentActionBodySchema } from './api-contract';
import { currentGuardrailCheck } from './check-guardrails';
import type { Experiment, ExperimentStatus } from './experiment';
import { requireExperiment } from './get-experiment';
import { applyTransition, refused, type TransitionInput } from './lifecycle';
import { promoteWinner } from './promote-winner';
import { rollbackRamp } from './rollback-ramp';
import { changeExperiment } from './save-experiment';
import { updateExperiment } from './update-experiment';

export type ExperimentAction = z.output<typeof experimentActionBodySchema>;

/** `start` only begins a draft and `resume` only continues a paused one, so a stale button cannot do the other. */
const REQUIRED_STATUS: Partial<Record<ExperimentAction['action'], ExperimentStatus>> = {
  start: 'draft',
  resume: 'paused',
};

const TARGET = { start: 'running', resume: 'running', pause: 'paused', stop: 'stopped' } as const;

function transition(
  key: string,
  action: ExperimentAction['action'],
  input: TransitionInput,
  options: Options,
) {
  const required = REQUIRED_STATUS[action];
  return changeExperiment(
    key,
    (e) => {
      if (required && e.status !== required)
        throw refused(
          `Only a ${required} experiment can be ${action === 'start' ? 'started' : 'resumed'} (this one is ${e.status}).`,
          'action',
        );
      return applyTransition(e, input, options.by, options.now);
    },
    options,
  );
}

interface Options {
  by: string;
  expectedRevision: number;
  now: Date;
}

/**
 * One PATCH action (api-contract.ts), conditional on the revision the user saw: 409 when the experiment moved on,
 * 422 when its state does not allow the action, 400 for a bad field, 404 for an unknown experiment.
 * `advance_ramp` without a check runs the guardrail check on the current results (guardrail-check.ts).
 */
export async function applyExperimentAction(
  key: string,
  body: ExperimentAction,
  actor: AuditActor,
  now = new Date(),
): Promise<Experiment> {
  const options: Options = { by: actor.id, expectedRevision: body.revision, now };
  switch (body.action) {
    case 'edit':
      return updateExperiment(key, body.patch, options);
    case 'start':
    case 'resume':
    case 'pause':
    case 'stop':
      return transition(
        key,
        body.action,
        { to: TARGET[body.action], ...(body.reason ? { reason: body.reason } : {}) },
        options,
      );
    case 'conclude':
      return transition(
        key,
        body.action,
        { to: 'concluded', reason: body.reason, winner: body.winner },
        options,
      );
    case 'advance_ramp': {
      const guardrailCheck =
        body.guardrailCheck ?? (await currentGuardrailCheck(await requireExperiment(key)));
      return advanceRamp(key, { guardrailCheck, ...(body.reason ? { reason: body.reason } : {}) }, options);
    }
    case 'rollback_ramp':
      return rollbackRamp(
        key,
        { to: body.to, failedGuardrail: body.failedGuardrail, reason: body.reason },
        options,
      );
    case 'promote':
      return promoteWinner(key, { variant: body.variant, reason: body.reason }, { ...options, actor });
  }
}
