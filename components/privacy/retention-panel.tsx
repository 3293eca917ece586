'use client';
import { type FormEvent } from 'react';
import { useRetention, useRetentionPreview, useSaveRetention } from '@/lib/client/use-privacy';

const span = (days: number) =>
  days >= 365 && days % 365 === 0 ? `${days / 365} year${days === 365 ? '' : 's'}` : `${days} days`;

/** How long each data class is kept, with the dry run of the next sweep. */
export function RetentionPanel({ canWrite }: { canWrite: boolean }) {
  const retention = useRetention();
  const save = useSaveRetention();
  const preview = useRetentionPreview();

  const onSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days: Record<string, number> = {};
    for (const row of retention.data ?? []) {
      const value = Number(form.get(row.id));
      if (value !== row.days) days[row.id] = value;
    }
    save.mutate(days, { onSuccess: () => preview.reset() });
  };
  const would = (id: string) => preview.data?.find((l) => l.id === id)?.items;

  return (
    <section className="card" aria-labelledby="retention-heading">
      <header className="card-header">
        <h2 id="retention-heading">Retention</h2>
        <button type="button" onClick={() => preview.mutate()} disabled={preview.isPending}>
          {preview.isPending ? 'Counting…' : 'Preview next sweep'}
        </button>
      </header>
      <p className="muted">
        The worker deletes what is past retention every hour. Preview counts what it would delete now with the
        saved settings; nothing is deleted by the preview.
      </p>
      {retention.error ? <p className="error">{retention.error.message}</p> : null}
      {preview.error ? <p className="error">{preview.error.message}</p> : null}
      <form onSubmit={onSave} aria-label="Retention settings">
        <table className="table" data-testid="retention-table">
          <thead>
            <tr>
              <th>Data</th>
              <th>Keep (days)</th>
              <th>Default</th>
              <th>Why</th>
              {preview.data ? <th className="num">Would delete now</th> : null}
            </tr>
          </thead>
          <tbody>
            {(retention.data ?? []).map((row) => (
              <tr key={`${row.id}-${row.days}`} data-class={row.id}>
                <td>{row.label}</td>
                <td>
                  <input
                    name={row.id}
                    type="number"
                    aria-label={`${row.label}: days kept`}
                    defaultValue={row.days}
                    min={row.minDays}
                    max={row.maxDays}
                    step={1}
                    required
                    disabled={!canWrite}
                  />
                </td>
                <td>{span(row.defaultDays)}</td>
                <td className="muted">{row.why}</td>
                {preview.data ? <td className="num">{(would(row.id) ?? 0).toLocaleString('en')}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
        {canWrite ? (
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save retention'}
          </button>
        ) : null}
        {save.error ? <p className="error">{save.error.message}</p> : null}
        {save.isSuccess ? <p className="ok">Saved; the next sweep uses it.</p> : null}
      </form>
    </section>
  );
}
