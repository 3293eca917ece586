'use client';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A small modal that asks for a reason before an action (the native <dialog>, so focus and Escape behave). The
 * reason is required when the server requires one; its refusals are shown inside, next to the button.
 */
export function ActionDialog({
  title,
  description,
  confirmLabel,
  reasonRequired,
  danger = false,
  pending,
  error,
  onConfirm,
  onCancel,
  children,
  canConfirm = true,
}: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  reasonRequired: boolean;
  danger?: boolean;
  pending: boolean;
  error: string | null;
  onConfirm: (reason: string | undefined) => void;
  onCancel: () => void;
  children?: ReactNode;
  canConfirm?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const trimmed = reason.trim();
  const blocked = pending || !canConfirm || (reasonRequired && !trimmed);

  return (
    <dialog ref={ref} className="exp-dialog" aria-labelledby={titleId} onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!blocked) onConfirm(trimmed || undefined);
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <p className="muted">{description}</p>
        {children}
        <label htmlFor={reasonId}>
          {reasonRequired
            ? 'Reason (required, kept in the history)'
            : 'Reason (optional, kept in the history)'}
        </label>
        <textarea
          id={reasonId}
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {error ? (
          <p className="error" role="alert" data-testid="dialog-error">
            {error}
          </p>
        ) : null}
        <div className="exp-row exp-dialog-buttons">
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className={danger ? 'danger' : undefined} disabled={blocked}>
            {pending ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
