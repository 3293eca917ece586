'use client';
import { useAuditDay, useVerifyChains } from '@/lib/client/use-privacy';

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const time = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'UTC' }) + ' UTC';

/** Today's audit entries and the on-demand check of every hash chain (audit log and consent ledgers). */
export function AuditPanel() {
  const today = new Date().toISOString().slice(0, 10);
  const audit = useAuditDay(today);
  const verify = useVerifyChains();
  const report = verify.data;
  return (
    <section className="card" aria-labelledby="audit-heading">
      <header className="card-header">
        <h2 id="audit-heading">Audit log</h2>
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? 'Checking…' : 'Verify chains'}
        </button>
      </header>
      {verify.error ? <p className="error">{verify.error.message}</p> : null}
      {report ? (
        <div data-testid="chain-report" className={report.ok ? 'notice' : 'error'} role="status">
          {report.ok
            ? `All chains intact: ${count(report.audit.entries, 'audit entry', 'audit entries')} over ` +
              `${count(report.audit.days, 'day', 'days')}, ${count(report.consent.entries, 'consent entry', 'consent entries')} ` +
              `of ${count(report.consent.customers, 'customer', 'customers')}.`
            : 'Tampering found:'}
          {report.ok ? null : (
            <ul>
              {report.audit.broken.map((b) => (
                <li key={`a-${b.day}-${b.entryId}`}>
                  audit {b.day} entry {Number(b.entryId)}: {b.reason}
                </li>
              ))}
              {report.consent.broken.map((b) => (
                <li key={`c-${b.customerId}-${b.seq}`}>
                  consent of {b.customerId}, entry {Number(b.seq)}: {b.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {audit.error ? <p className="error">Could not load the audit log: {audit.error.message}</p> : null}
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Action</th>
            <th>By</th>
            <th>About</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {(audit.data?.entries ?? []).map((e) => (
            <tr key={e.entryId}>
              <td>{time(e.at)}</td>
              <td>{e.action}</td>
              <td>{e.actor.id}</td>
              <td>{e.subjectId ?? ''}</td>
              <td>
                <code>{JSON.stringify(e.details)}</code>
              </td>
            </tr>
          ))}
          {audit.data && audit.data.entries.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                Nothing recorded today yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
