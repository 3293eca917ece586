import { DomainError } from '../errors/domain-error';
import type { Experiment, GuardrailCheck } from './experiment';
import { listRunningExperiments } from './find-running-experiment';
import { requireExperiment } from './get-experiment';
import { resultsFor } from './get-experiment-results';
import { guardrailCheckFrom } from './guardrail-check';
import { rollbackRamp } from './rollback-ramp';

/** Who the ramp history names for an automatic rollback. */
export const GUARDRAIL_ACTOR = 'system:guardrails';

/** The guardrail check on the current results, and the guardrails whose sums the engine refused as impossible. */
async function checkNow(experiment: Experiment): Promise<{ check: GuardrailCheck; refused: Set<string> }> {
  const { results } = await resultsFor(experiment, new Date(), { series: false });
  const refused = new Set(results.metrics.filter((m) => m.status === 'refused').map((m) => m.key));
  return { check: guardrailCheckFrom(experiment, results), refused };
}

/** The guardrail check on the current results (what `advance_ramp` runs when no check is sent). */
export async function currentGuardrailCheck(experiment: Experiment): Promise<GuardrailCheck> {
  return (await checkNow(experiment)).check;
}

export type GuardrailOutcome =
  | { key: string; action: 'none'; reason: string }
  | { key: string; action: 'rolled_back'; failedGuardrail: string; detail: string };

/**
 * For a running experiment whose guardrail fails (guardrail-check.ts): the ramp is rolled back to 0 %, which pauses
 * the experiment, with the failed metric named in its history. To 0 % rather than one step back, because coverage
 * only decides who may enter: a step back would keep serving the harmful variant to everyone already in it. A person
 * resumes it (at the first step) once they have looked. Another change made meanwhile (409) leaves it to the next
 * check. A guardrail that cannot be computed (impossible sums) is no evidence of harm: it blocks advancing the ramp
 * but is not rolled back for; the outcome says why.
 */
export async function checkGuardrails(key: string, now = new Date()): Promise<GuardrailOutcome> {
  const experiment = await requireExperiment(key);
  if (experiment.status !== 'running') return { key, action: 'none', reason: `it is ${experiment.status}` };
  if (!experiment.guardrails.length) return { key, action: 'none', reason: 'it has no guardrails' };
  if (experiment.ramp.currentStep < 0) return { key, action: 'none', reason: 'the ramp is at 0 %' };
  const { check, refused } = await checkNow(experiment);
  const failed = check.results.find((r) => !r.passed && !refused.has(r.metric));
  if (!failed) {
    const unreadable = check.results.find((r) => !r.passed);
    if (unreadable)
      return {
        key,
        action: 'none',
        reason: `not rolled back, no evidence of harm: ${unreadable.detail ?? unreadable.metric}`,
      };
    return { key, action: 'none', reason: 'every guardrail passes' };
  }
  const detail = failed.detail ?? `${failed.metric} is worse than its tolerance`;
  try {
    await rollbackRamp(
      key,
      {
        to: 'zero',
        failedGuardrail: failed.metric,
        reason: `Automatic guardrail check: ${detail}`.slice(0, 500),
        detail: detail.slice(0, 300),
      },
      { by: GUARDRAIL_ACTOR, expectedRevision: experiment.revision, now },
    );
  } catch (error) {
    if (error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'unprocessable'))
      return { key, action: 'none', reason: error.message };
    throw error;
  }
  return { key, action: 'rolled_back', failedGuardrail: failed.metric, detail };
}

/** Every running experiment's guardrails (the worker, every 5 minutes); one failing does not stop the others. */
export async function checkAllGuardrails(now = new Date()): Promise<GuardrailOutcome[]> {
  const outcomes: GuardrailOutcome[] = [];
  for (const experiment of await listRunningExperiments()) {
    try {
      outcomes.push(await checkGuardrails(experiment.key, now));
    } catch (error) {
      console.error(`[experiments] guardrail check of ${experiment.key} failed: ${(error as Error).message}`);
    }
  }
  return outcomes;
}
