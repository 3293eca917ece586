import type { ImportView, StoreUnits } from '@/lib/client/use-imports';
import {
  count,
  dateRangeLabel,
  durationLabel,
  moneyLabel,
  statusLabel,
  storeDateTime,
} from './import-format';

/** Past imports with what each did; a running one shows how far it is. */
export function ImportHistoryTable({
  imports,
  store,
  onOpen,
}: {
  imports: ImportView[];
  store: StoreUnits;
  onOpen: (importId: string) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="import-history">
        <thead>
          <tr>
            <th>File</th>
            <th>Status</th>
            <th>Started ({store.timeZone})</th>
            <th className="num">Duration</th>
            <th className="num">Orders</th>
            <th className="num">Customers</th>
            <th className="num">Products</th>
            <th className="num">Lines rejected</th>
            <th className="num">Net revenue ({store.currency})</th>
            <th>Orders from</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => {
            const s = i.summary;
            return (
              <tr key={i.importId} data-testid="import-history-row" data-import-id={i.importId}>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(i.importId)}>
                    {i.fileName}
                  </button>
                  <div className="muted">by {i.requestedBy}</div>
                </td>
                <td>
                  <span className={`run-status run-${i.status}`}>{statusLabel(i)}</span>
                  {i.status === 'running' ? <div className="muted">{i.progress.percent} %</div> : null}
                  {i.error ? (
                    <div className="muted" title={i.error}>
                      {i.error.length > 60 ? `${i.error.slice(0, 60)}…` : i.error}
                    </div>
                  ) : null}
                </td>
                <td>{storeDateTime(i.startedAt, store.timeZone)}</td>
                <td className="num">{i.seconds !== undefined ? durationLabel(i.seconds) : '—'}</td>
                <td className="num" data-testid="history-orders">
                  {s ? count(s.orders) : '—'}
                </td>
                <td className="num">{s ? count(s.customers) : '—'}</td>
                <td className="num">{s ? count(s.products) : '—'}</td>
                <td className="num" data-testid="history-rejected">
                  {s ? count(s.linesRejected) : '—'}
                </td>
                <td className="num" data-testid="history-net">
                  {s ? moneyLabel(s.netByCurrency, store.currency) : '—'}
                </td>
                <td>{s ? dateRangeLabel(s.firstOrderAt, s.lastOrderAt, store.timeZone) : '—'}</td>
                <td>
                  {i.rejectsUrl ? (
                    <a href={i.rejectsUrl} download>
                      Rejects (CSV)
                    </a>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
