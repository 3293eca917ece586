import { forgetDefaultAnalyzer } from '../analysis/analyzers/get-analyzer';
import { describeAnalyzerConfig } from '../analysis/analyzers/analyzer-config';
import {
  readDefaultAnalyzerSetting,
  writeDefaultAnalyzerSetting,
} from '../analysis/analyzers/default-analyzer-store';
import { conflict } from '../errors/domain-error';
import { appendAudit } from '../privacy/audit/append-audit';
import type { AuditActor } from '../privacy/audit/audit-entry';
import type { Experiment } from './experiment';
import { applyTransition, fieldError, refused } from './lifecycle';
import { changeExperiment } from './save-experiment';
import { requireExperiment } from './get-experiment';

export interface PromoteInput {
  variant: string;
  reason: string;
}

/**
 * Promotes a variant (PATCH action `promote`): the experiment is concluded with it as the winner (stopped first when
 * it is running or paused), then its analyzer config becomes the product's default analyzer (lib/ai: every process
 * uses it within seconds; `ANALYZER` no longer decides), and the change is written to the audit log with who, what
 * was replaced and why.
 *
 * The conclusion is written first, conditional on the revision the user saw (409 when stale), so two people cannot
 * promote different winners. Promoting the same winner of an already concluded experiment again re-applies the
 * default and audits it (the retry after a crash between the two writes). 400 for a variant that is not one of the
 * experiment's; 422 for a draft, or a concluded experiment with another winner.
 */
export async function promoteWinner(
  key: string,
  input: PromoteInput,
  options: { actor: AuditActor; expectedRevision?: number; now?: Date },
): Promise<Experiment> {
  const now = options.now ?? new Date();
  const by = options.actor.id;
  const current = await requireExperiment(key);
  const variant = current.variants.find((v) => v.name === input.variant);
  if (!variant) {
    throw fieldError(
      'variant',
      `must be one of the variants (${current.variants.map((v) => v.name).join(', ')})`,
    );
  }
  let experiment: Experiment;
  if (current.status === 'concluded') {
    if (current.conclusion?.winner !== variant.name)
      throw refused(
        `Experiment ${key} is concluded with ${current.conclusion?.winner ?? 'no winner'}; only that winner can be promoted.`,
        'variant',
      );
    if (options.expectedRevision !== undefined && options.expectedRevision !== current.revision)
      throw conflict(
        `Experiment ${key} is at revision ${current.revision}, not ${options.expectedRevision}; reload it and try again.`,
      );
    experiment = current;
  } else {
    if (current.status === 'draft')
      throw refused(`Experiment ${key} has not started; there is no winner to promote.`);
    experiment = await changeExperiment(
      key,
      (e) => {
        const reason = `promoted ${variant.name}: ${input.reason}`.slice(0, 500);
        const stopped = e.status === 'stopped' ? e : applyTransition(e, { to: 'stopped', reason }, by, now);
        const concluded = applyTransition(
          stopped,
          { to: 'concluded', reason: input.reason, winner: variant.name },
          by,
          now,
        );
        const promoted = {
          at: now.toISOString(),
          by,
          change: `promoted ${variant.name}: ${describeAnalyzerConfig(variant.analyzer)} is the default analyzer`,
          reason: input.reason,
        };
        // One write: the revision moves by one whatever the steps, as for any other action.
        return { ...concluded, history: [...concluded.history, promoted], revision: e.revision + 1 };
      },
      options,
    );
  }

  const previous = await readDefaultAnalyzerSetting();
  await writeDefaultAnalyzerSetting({
    config: variant.analyzer,
    setAt: now.toISOString(),
    setBy: by,
    source: { experimentKey: key, variant: variant.name },
    reason: input.reason,
  });
  forgetDefaultAnalyzer();
  await appendAudit(
    {
      action: 'analyzer.promoted',
      actor: options.actor,
      details: {
        experimentKey: key,
        variant: variant.name,
        analyzer: variant.analyzer,
        from: previous ? previous.config : 'ANALYZER (the configured default)',
        summary: `default analyzer → ${describeAnalyzerConfig(variant.analyzer)}`,
        reason: input.reason,
      },
    },
    now,
  );
  return experiment;
}
