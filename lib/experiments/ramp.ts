import { z } from 'zod';
import { metricKeySchema } from './metrics';
import {
  experimentMetrics,
  guardrailCheckSchema,
  parseInput,
  type Experiment,
  type RampEvent,
} from './experiment';
import { currentPercent, fieldError, recordChange, refused } from './lifecycle';

/**
 * Ramping: an experiment's traffic grows in steps (e.g. 10 → 50 → 100 % of eligible customers), each move forward
 * only after a passing guardrail check, and falls back — to the step before, or to 0 % with the experiment paused —
 * when a guardrail fails. Pure; the store functions persist the result.
 *
 * Coverage only decides who may enter. Customers already assigned keep their variant through any ramp move (their
 * assignment is stored); to stop serving variants at all, roll back to zero, which pauses the experiment.
 */

/** The share of eligible customers who may enter now, 0–1. */
export function currentCoverage(e: Pick<Experiment, 'ramp'>): number {
  return currentPercent(e) / 100;
}

export const rampAdvanceSchema = z.strictObject({
  guardrailCheck: guardrailCheckSchema,
  reason: z.string().trim().min(1).max(500).optional(),
});
export type RampAdvanceInput = z.input<typeof rampAdvanceSchema>;

export const rampRollbackSchema = z.strictObject({
  /** `previous`: the step before (0 % and paused from the first step); `zero`: 0 % and paused. */
  to: z.enum(['previous', 'zero'], { message: 'must be previous or zero' }).default('previous'),
  failedGuardrail: metricKeySchema,
  reason: z.string().trim().min(1, 'say why the ramp is rolled back').max(500),
  /** What the check saw, in words with units. */
  detail: z.string().max(300).optional(),
});
export type RampRollbackInput = z.input<typeof rampRollbackSchema>;

export function applyRampAdvance(e: Experiment, input: RampAdvanceInput, by: string, now: Date): Experiment {
  const { guardrailCheck, reason } = parseInput(rampAdvanceSchema, input);
  if (e.status !== 'running') throw refused(`Only a running experiment ramps up (this one is ${e.status}).`);
  const from = e.ramp.currentStep;
  if (from >= e.ramp.steps.length - 1)
    throw refused(`The ramp is at its last step (${currentPercent(e)} %) already.`);
  if (!guardrailCheck.passed) {
    const failed = guardrailCheck.results.filter((r) => !r.passed).map((r) => r.metric);
    throw refused(
      `The guardrail check failed${failed.length ? ` (${failed.join(', ')})` : ''}; roll back instead of ramping up.`,
      'guardrailCheck.passed',
    );
  }
  const at = now.toISOString();
  const to = from + 1;
  const steps = e.ramp.steps.map((s, i) =>
    i === from ? { ...s, guardrailCheck: { ...guardrailCheck, at } } : i === to ? { ...s, startedAt: at } : s,
  );
  const event: RampEvent = {
    at,
    by,
    action: 'advance',
    fromPercent: currentPercent(e),
    toPercent: steps[to]!.percent,
    ...(reason ? { reason } : {}),
  };
  return recordChange(
    e,
    { ramp: { steps, currentStep: to, history: [...e.ramp.history, event] } },
    { by, change: `ramp ${event.fromPercent} % → ${event.toPercent} %`, ...(reason ? { reason } : {}) },
    now,
  );
}

export function applyRampRollback(
  e: Experiment,
  input: RampRollbackInput,
  by: string,
  now: Date,
): Experiment {
  const { to: target, failedGuardrail, reason, detail } = parseInput(rampRollbackSchema, input);
  if (e.status !== 'running' && e.status !== 'paused')
    throw refused(`Only a running or paused experiment can be rolled back (this one is ${e.status}).`);
  const from = e.ramp.currentStep;
  if (from < 0) throw refused('The ramp is at 0 % already.');
  const metrics = experimentMetrics(e);
  if (!metrics.includes(failedGuardrail)) {
    throw fieldError('failedGuardrail', `must be one of the experiment's metrics (${metrics.join(', ')})`);
  }
  const at = now.toISOString();
  const to = target === 'zero' ? -1 : from - 1;
  const failedCheck = {
    passed: false,
    results: [{ metric: failedGuardrail, passed: false, ...(detail ? { detail } : {}) }],
    at,
  };
  const steps = e.ramp.steps.map((s, i) =>
    i === from ? { ...s, guardrailCheck: failedCheck } : i === to ? { ...s, startedAt: at } : s,
  );
  const event: RampEvent = {
    at,
    by,
    action: 'rollback',
    fromPercent: currentPercent(e),
    toPercent: to < 0 ? 0 : steps[to]!.percent,
    failedGuardrail,
    reason,
  };
  // At 0 % nobody may enter and nobody is served a variant: the experiment pauses.
  const status = to < 0 ? 'paused' : e.status;
  const pausing = status !== e.status ? `; ${e.status} → ${status}` : '';
  return recordChange(
    e,
    { status, ramp: { steps, currentStep: to, history: [...e.ramp.history, event] } },
    {
      by,
      change: `ramp ${event.fromPercent} % → ${event.toPercent} % (rolled back: ${failedGuardrail} failed)${pausing}`,
      reason,
    },
    now,
  );
}
