'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { queryKeys } from '@/lib/client/query-keys';
import {
  useCreatePrivacyRequest,
  usePrivacyRequest,
  usePrivacyRequests,
  useTransitionRequest,
  type RequestView,
} from '@/lib/client/use-privacy';
import { NEXT } from '@/lib/privacy/requests/privacy-request';

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { timeZone: 'UTC' });
const STATUS_LABEL: Record<string, string> = {
  received: 'Received',
  verifying: 'Verifying identity',
  in_progress: 'In progress',
  completed: 'Completed',
  denied: 'Denied',
};
const ACTION_LABEL: Record<string, string> = {
  verifying: 'Start verification',
  in_progress: 'Identity verified',
  completed: 'Complete',
  denied: 'Deny',
};

function Receipt({ request }: { request: RequestView }) {
  if (!request.receipt) return null;
  const touched = request.receipt.steps.filter((s) => s.items > 0).length;
  return (
    <div data-testid="erasure-receipt">
      <h3>Erasure receipt</h3>
      <p className="muted">
        Erased {new Date(request.receipt.erasedAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC: data
        found in {touched} of {request.receipt.steps.length} stores. The customer id now survives nowhere;
        orders are kept for accounting under {request.customerId}.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Store</th>
            <th>Action</th>
            <th className="num">Items</th>
            <th>What was done</th>
          </tr>
        </thead>
        <tbody>
          {request.receipt.steps.map((s) => (
            <tr key={s.table} data-table={s.table}>
              <td>
                <code>{s.table}</code>
              </td>
              <td>{s.action === 'none' ? 'nothing held' : s.action}</td>
              <td className="num">{s.items}</td>
              <td>{s.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RequestDetail({ requestId, erasing }: { requestId: string; erasing: boolean }) {
  const request = usePrivacyRequest(requestId, erasing);
  const data = request.data;
  if (!data) return null;
  return (
    <div className="request-detail" data-testid="request-detail">
      <h3>
        {data.kind === 'erasure' ? 'Erasure' : 'Access'} request <code>{data.requestId}</code>
      </h3>
      {erasing || data.progress ? (
        <div
          role="progressbar"
          aria-label="Erasure progress"
          aria-valuemin={0}
          aria-valuemax={data.progress?.of ?? 20}
          aria-valuenow={data.progress?.done ?? 0}
          className="progress"
        >
          <div
            className="progress-bar"
            style={{ width: `${(100 * (data.progress?.done ?? 0)) / (data.progress?.of ?? 20)}%` }}
          />
          <span>
            Erasing…{' '}
            {data.progress
              ? `${data.progress.done} of ${data.progress.of} stores (${data.progress.table})`
              : 'starting'}
          </span>
        </div>
      ) : null}
      <ol className="request-history">
        {data.history.map((h) => (
          <li key={h.at + h.to}>
            {new Date(h.at).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC — {STATUS_LABEL[h.to]} ({h.by})
            {h.note ? `: ${h.note}` : ''}
          </li>
        ))}
      </ol>
      <Receipt request={data} />
    </div>
  );
}

/** Access and erasure requests: the queue with due dates, the workflow, exports and the erasure receipt. */
export function RequestsPanel({ canWrite }: { canWrite: boolean }) {
  const client = useQueryClient();
  const requests = usePrivacyRequests();
  const create = useCreatePrivacyRequest();
  const transition = useTransitionRequest();
  const [selected, setSelected] = useState<string | null>(null);

  const onCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const element = event.currentTarget;
    create.mutate(
      {
        customerId: String(form.get('customerId') ?? '').trim(),
        kind: form.get('kind') === 'erasure' ? 'erasure' : 'access',
        regime: form.get('regime') === 'ccpa' ? 'ccpa' : 'gdpr',
        note: String(form.get('note') ?? '') || undefined,
      },
      {
        onSuccess: (r) => {
          element.reset();
          setSelected(r.requestId);
        },
      },
    );
  };
  const move = (r: RequestView, to: string) => {
    if (to === 'completed' && r.kind === 'erasure') {
      const sure = window.confirm(
        `Erase ${r.customerId} from every store? This cannot be undone; orders stay for accounting without the customer.`,
      );
      if (!sure) return;
    }
    if (to === 'denied' && !window.confirm('Deny this request?')) return;
    setSelected(r.requestId);
    transition.mutate({ requestId: r.requestId, to });
  };
  const erasingId = transition.isPending ? transition.variables?.requestId : undefined;

  return (
    <section className="card" aria-labelledby="requests-heading">
      <header className="card-header">
        <h2 id="requests-heading">Access and erasure requests</h2>
        <span className="muted">GDPR: 30 days to answer, CCPA: 45. Every step is audited.</span>
      </header>
      {canWrite ? (
        <form className="consent-form" onSubmit={onCreate} aria-label="Record a request">
          <label>
            Customer id{' '}
            <input name="customerId" required placeholder="cus_000042" pattern="[A-Za-z0-9_\-]{1,64}" />
          </label>
          <label>
            Request{' '}
            <select name="kind" aria-label="Request kind" defaultValue="access">
              <option value="access">Access (export)</option>
              <option value="erasure">Erasure</option>
            </select>
          </label>
          <label>
            Law{' '}
            <select name="regime" aria-label="Law" defaultValue="gdpr">
              <option value="gdpr">GDPR (30 days)</option>
              <option value="ccpa">CCPA (45 days)</option>
            </select>
          </label>
          <label>
            Note <input name="note" maxLength={2000} placeholder="how it arrived" />
          </label>
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Recording…' : 'Record request'}
          </button>
          {create.error ? <p className="error">{create.error.message}</p> : null}
        </form>
      ) : null}
      {transition.error ? <p className="error">{transition.error.message}</p> : null}
      {requests.error ? <p className="error">Could not load requests: {requests.error.message}</p> : null}
      <div className="table-scroll">
        <table className="table" data-testid="requests-table">
          <thead>
            <tr>
              <th>Request</th>
              <th>Kind</th>
              <th>Customer</th>
              <th>Status</th>
              <th>Received</th>
              <th>Due</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(requests.data ?? []).map((r) => (
              <tr
                key={r.requestId}
                data-request={r.requestId}
                className={selected === r.requestId ? 'selected' : ''}
              >
                <td>
                  <button type="button" className="link-button" onClick={() => setSelected(r.requestId)}>
                    {r.requestId}
                  </button>
                </td>
                <td>{r.kind}</td>
                <td>
                  <code>{r.customerId}</code>
                </td>
                <td data-testid="request-status">{STATUS_LABEL[r.status]}</td>
                <td>{day(r.receivedAt)}</td>
                <td>
                  {day(r.dueAt)} {r.overdue ? <span className="badge overdue">overdue</span> : null}
                </td>
                <td className="actions">
                  {canWrite &&
                  r.kind === 'access' &&
                  (r.status === 'in_progress' || r.status === 'completed') ? (
                    <>
                      {(['json', 'csv'] as const).map((format) => (
                        <a
                          key={format}
                          href={`/api/v1/privacy/requests/${r.requestId}/export?format=${format}`}
                          download
                          onClick={() =>
                            setTimeout(
                              () => void client.invalidateQueries({ queryKey: queryKeys.privacy() }),
                              1500,
                            )
                          }
                        >
                          Export {format.toUpperCase()}
                        </a>
                      ))}
                    </>
                  ) : null}
                  {canWrite
                    ? NEXT[r.status].map((to) => (
                        <button
                          key={to}
                          type="button"
                          className={to === 'denied' ? 'danger' : undefined}
                          disabled={
                            transition.isPending ||
                            (to === 'completed' && r.kind === 'access' && !r.exportedAt)
                          }
                          title={
                            to === 'completed' && r.kind === 'access' && !r.exportedAt
                              ? 'Export first'
                              : undefined
                          }
                          onClick={() => move(r, to)}
                        >
                          {to === 'completed' && r.kind === 'erasure' ? 'Erase now' : ACTION_LABEL[to]}
                        </button>
                      ))
                    : null}
                </td>
              </tr>
            ))}
            {requests.data && requests.data.length === 0 ? (
              <tr>
                <td colSpan={7} className="muted">
                  No requests yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {selected ? <RequestDetail requestId={selected} erasing={erasingId === selected} /> : null}
    </section>
  );
}
