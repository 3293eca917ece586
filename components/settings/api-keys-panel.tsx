'use client';
import { useState, type FormEvent } from 'react';
import { SCOPES, type Scope } from '@/lib/auth/permissions';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '@/lib/client/use-api-keys';

const when = (iso?: string) =>
  iso ? new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC' }) + ' UTC' : '—';

export function ApiKeysPanel() {
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [created, setCreated] = useState<string | null>(null);

  const onCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const scopes = SCOPES.filter((s) => form.get(`scope:${s}`) === 'on') as Scope[];
    create.mutate(
      { name: String(form.get('name') ?? ''), scopes },
      { onSuccess: (result) => setCreated(result.key) },
    );
  };

  return (
    <section className="card" aria-labelledby="api-keys-heading">
      <header className="card-header">
        <h2 id="api-keys-heading">Storefront API keys</h2>
        <span className="muted">Keys are stored hashed; a new key is shown once.</span>
      </header>
      {created ? (
        <div className="notice" role="status" data-testid="new-api-key">
          Copy this key now — it will not be shown again: <code>{created}</code>{' '}
          <button type="button" onClick={() => void navigator.clipboard?.writeText(created)}>
            Copy
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      ) : null}
      <form className="key-form" onSubmit={onCreate} aria-label="Create API key">
        <label>
          Name <input name="name" required maxLength={80} placeholder="e.g. Web shop production" />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s} className="checkbox">
              <input type="checkbox" name={`scope:${s}`} /> {s}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
        {create.error ? <p className="error">{create.error.message}</p> : null}
      </form>
      {keys.error ? <p className="error">Could not load keys: {keys.error.message}</p> : null}
      <table className="table" data-testid="api-keys-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Key</th>
            <th>Scopes</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(keys.data ?? []).map((k) => (
            <tr key={k.keyId}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}</code>
              </td>
              <td>{k.scopes.join(' ')}</td>
              <td>{when(k.createdAt)}</td>
              <td>{when(k.lastUsedAt)}</td>
              <td>{k.revokedAt ? `revoked ${when(k.revokedAt)}` : 'active'}</td>
              <td>
                {k.revokedAt ? null : (
                  <button
                    type="button"
                    className="danger"
                    disabled={revoke.isPending}
                    onClick={() => {
                      if (window.confirm(`Revoke "${k.name}"? Storefront calls with it will fail at once.`)) {
                        revoke.mutate(k.keyId);
                      }
                    }}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
