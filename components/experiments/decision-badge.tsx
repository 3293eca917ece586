import type { ExperimentResults } from '@/lib/experiments/stats/results-types';
import type { ExperimentStatus } from '@/lib/experiments/experiment';
import { decisionText, decisionTone, STATUS_LABEL } from './experiment-format';

/** The statistics' decision as a coloured badge: ship (green), keep running, no difference, stop: guardrail (red). */
export function DecisionBadge({
  decision,
  status,
}: {
  decision: ExperimentResults['decision'] | null;
  status: ExperimentStatus;
}) {
  const tone = decisionTone(decision);
  return (
    <span
      className={`decision-badge decision-${tone}`}
      data-testid="decision-badge"
      data-action={decision?.action ?? ''}
    >
      {decisionText(decision, status)}
    </span>
  );
}

export function StatusBadge({ status }: { status: ExperimentStatus }) {
  return (
    <span className={`exp-status exp-status-${status}`} data-testid="experiment-status">
      {STATUS_LABEL[status]}
    </span>
  );
}
