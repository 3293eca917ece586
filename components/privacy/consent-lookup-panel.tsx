'use client';
import { useState, type FormEvent } from 'react';
import { useConsent, useConsentHistory, useRecordConsent } from '@/lib/client/use-privacy';
import { ModelView } from './model-view';
import type { ConsentState } from '@/lib/privacy/consent/consent-entry';
import { OPT_IN_PURPOSES, type OptInPurpose } from '@/lib/privacy/consent/consent-trend';

const LABEL: Record<OptInPurpose, string> = {
  analytics: 'Analytics',
  personalization: 'Personalization',
  ai_processing: 'AI processing',
  marketing: 'Marketing',
};
const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC' }) + ' UTC';
const changeText = (changes: Partial<ConsentState>) =>
  Object.entries(changes)
    .map(([p, v]) => `${v ? '✓' : '✗'} ${LABEL[p as OptInPurpose] ?? p}`)
    .join(', ');

/** Look up a customer's consent: current state, the ledger with its chain check, and an officer's change. */
export function ConsentLookupPanel({ canWrite }: { canWrite: boolean }) {
  const [customerId, setCustomerId] = useState('');
  const consent = useConsent(customerId);
  const history = useConsentHistory(customerId);
  const record = useRecordConsent(customerId);

  const onLookup = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCustomerId(String(new FormData(event.currentTarget).get('customerId') ?? '').trim());
  };
  const onRecord = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const purposes: Partial<ConsentState> = {};
    for (const p of OPT_IN_PURPOSES) {
      const value = form.get(p);
      if (value === 'grant') purposes[p] = true;
      if (value === 'withdraw') purposes[p] = false;
    }
    const element = event.currentTarget;
    record.mutate(
      {
        purposes,
        policyVersion: String(form.get('policyVersion') ?? ''),
        notice: String(form.get('notice') ?? ''),
      },
      { onSuccess: () => element.reset() },
    );
  };

  return (
    <section className="card" aria-labelledby="consent-lookup-heading">
      <header className="card-header">
        <h2 id="consent-lookup-heading">Customer consent</h2>
        <span className="muted">The ledger is append-only and hash-chained.</span>
      </header>
      <form className="inline-form" onSubmit={onLookup} aria-label="Look up a customer's consent">
        <label>
          Customer id{' '}
          <input name="customerId" required placeholder="cus_000042" pattern="[A-Za-z0-9_\-]{1,64}" />
        </label>
        <button type="submit">Look up</button>
      </form>
      {consent.error ? <p className="error">{consent.error.message}</p> : null}
      {consent.data ? (
        <div data-testid="consent-state">
          <p>
            <strong>{consent.data.customerId}</strong>{' '}
            {consent.data.defaulted
              ? '— no recorded choice; the defaults apply.'
              : `— last changed ${when(consent.data.updatedAt ?? '')}, policy ${consent.data.policyVersion}.`}
          </p>
          <ul className="purpose-list">
            {OPT_IN_PURPOSES.map((p) => (
              <li key={p} className={consent.data.purposes[p] ? 'granted' : 'denied'} data-purpose={p}>
                {consent.data.purposes[p] ? '✓' : '✗'} {LABEL[p]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canWrite && consent.data ? (
        <form className="consent-form" onSubmit={onRecord} aria-label="Record a consent change">
          <fieldset>
            <legend>Record a change the customer asked for</legend>
            {OPT_IN_PURPOSES.map((p) => (
              <label key={p}>
                {LABEL[p]}{' '}
                <select name={p} defaultValue="keep" aria-label={LABEL[p]}>
                  <option value="keep">keep</option>
                  <option value="grant">grant</option>
                  <option value="withdraw">withdraw</option>
                </select>
              </label>
            ))}
          </fieldset>
          <label>
            Policy version{' '}
            <input name="policyVersion" required defaultValue="2025-09" pattern="[A-Za-z0-9._\-]{1,32}" />
          </label>
          <label>
            How the customer asked{' '}
            <input name="notice" required placeholder="e.g. e-mail of 24 Nov asking to stop offers" />
          </label>
          <button type="submit" disabled={record.isPending}>
            {record.isPending ? 'Recording…' : 'Record change'}
          </button>
          {record.error ? <p className="error">{record.error.message}</p> : null}
        </form>
      ) : null}
      {consent.data ? <ModelView customerId={consent.data.customerId} /> : null}
      {history.data ? (
        <>
          <p data-testid="consent-chain" className={history.data.chain.intact ? 'ok' : 'error'}>
            {history.data.chain.intact
              ? `Chain intact (${history.data.entries.length} entries).`
              : `Chain broken at entry ${history.data.chain.firstBroken.seq}: ${history.data.chain.firstBroken.reason}.`}
          </p>
          <table className="table" data-testid="consent-ledger">
            <thead>
              <tr>
                <th>#</th>
                <th>When</th>
                <th>Change</th>
                <th>Source</th>
                <th>By</th>
                <th>Policy</th>
                <th>GPC</th>
              </tr>
            </thead>
            <tbody>
              {history.data.entries.map((e) => (
                <tr key={e.seq}>
                  <td>{Number(e.seq)}</td>
                  <td>{when(e.at)}</td>
                  <td>{changeText(e.changes)}</td>
                  <td>{e.source}</td>
                  <td>{e.actor}</td>
                  <td>{e.policyVersion}</td>
                  <td>{e.gpc ? 'yes' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
