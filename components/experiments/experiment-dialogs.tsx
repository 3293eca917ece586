'use client';
import { useState } from 'react';
import type { Experiment } from '@/lib/experiments/experiment';
import { ActionDialog } from './action-dialog';
import { analyzerLabel } from './experiment-format';
import { ACTION_COPY, type LifecycleAction } from './experiment-view';

export type DialogRequest =
  | { kind: 'lifecycle'; action: LifecycleAction }
  | { kind: 'advance'; next: number | null }
  | { kind: 'promote'; winner: string | null };

/** What a confirmed dialog asks the server to do (the revision is added by the caller). */
export type DialogResult =
  | { action: 'start' | 'pause' | 'resume' | 'stop'; reason?: string }
  | { action: 'conclude'; reason: string; winner: string | null }
  | { action: 'advance_ramp'; reason?: string }
  | { action: 'promote'; variant: string; reason: string };

const NONE = '';

/** The dialog for one requested action: the reason, and the winner when concluding or promoting. */
export function ExperimentDialog({
  request,
  experiment,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  request: DialogRequest;
  experiment: Experiment;
  pending: boolean;
  error: string | null;
  onConfirm: (result: DialogResult) => void;
  onCancel: () => void;
}) {
  const [winner, setWinner] = useState<string>(
    request.kind === 'promote' ? (request.winner ?? NONE) : (experiment.conclusion?.winner ?? NONE),
  );
  const common = { pending, error, onCancel };

  if (request.kind === 'advance') {
    return (
      <ActionDialog
        {...common}
        title={`Advance the ramp to ${request.next ?? '?'} %`}
        description="The guardrails are checked on the current results first; a failing guardrail refuses the step (roll back instead)."
        confirmLabel="Advance ramp"
        reasonRequired={false}
        onConfirm={(reason) => onConfirm({ action: 'advance_ramp', ...(reason ? { reason } : {}) })}
      />
    );
  }

  const winnerSelect = (label: string, allowNone: boolean) => (
    <label>
      {label}
      <select value={winner} onChange={(e) => setWinner(e.target.value)}>
        {allowNone ? (
          <option value={NONE}>None of them</option>
        ) : (
          <option value={NONE}>Choose a variant</option>
        )}
        {experiment.variants.map((v) => (
          <option key={v.name} value={v.name}>
            {v.name} — {analyzerLabel(v.analyzer)}
          </option>
        ))}
      </select>
    </label>
  );

  if (request.kind === 'promote') {
    const chosen = experiment.variants.find((v) => v.name === winner);
    return (
      <ActionDialog
        {...common}
        title="Promote the winner"
        description={
          chosen
            ? `${chosen.name}'s analyzer (${analyzerLabel(chosen.analyzer)}) becomes the default for every customer analysis within seconds. The experiment is stopped if needed and concluded with ${chosen.name} as the winner. This is written to the audit log.`
            : 'Choose the variant whose analyzer becomes the default.'
        }
        confirmLabel="Promote"
        reasonRequired
        canConfirm={Boolean(chosen)}
        onConfirm={(reason) =>
          chosen && reason && onConfirm({ action: 'promote', variant: chosen.name, reason })
        }
      >
        {winnerSelect('Winner', false)}
      </ActionDialog>
    );
  }

  const copy = ACTION_COPY[request.action];
  const { action } = request;
  return (
    <ActionDialog
      {...common}
      title={copy.title}
      description={copy.description}
      confirmLabel={copy.label}
      reasonRequired={copy.reasonRequired}
      danger={copy.danger}
      onConfirm={(reason) => {
        if (action === 'conclude') {
          if (reason) onConfirm({ action, reason, winner: winner || null });
        } else onConfirm({ action, ...(reason ? { reason } : {}) });
      }}
    >
      {action === 'conclude' ? winnerSelect('Winner to keep', true) : null}
    </ActionDialog>
  );
}
