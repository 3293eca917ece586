import { storeDateTime } from '@/lib/time/store-time';
import type { ImportView, StoreUnits } from '@/lib/client/use-imports';
import { count, dateRangeLabel, durationLabel, moneyLabel, progressText, statusLabel } from './import-format';

/** The store's days of the first and last order, on one line (the column is sized for it). */
function OrderDays({ first, last, timeZone }: { first?: string; last?: string; timeZone: string }) {
  return <span className="nowrap">{dateRangeLabel(first, last, timeZone)}</span>;
}

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
      <table className="table import-history" data-testid="import-history">
        <thead>
          <tr>
            <th>File</th>
            <th>Status</th>
            <th>Started</th>
            <th className="num">Orders</th>
            <th className="num">Customers</th>
            <th className="num">Products</th>
            <th className="num">Lines rejected</th>
            <th className="num">Net revenue</th>
            <th>Orders from</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => {
            const s = i.summary;
            return (
              <tr key={i.importId} data-testid="import-history-row" data-import-id={i.importId}>
                <td className="nowrap">
                  <button type="button" className="link-button" onClick={() => onOpen(i.importId)}>
                    {i.fileName}
                  </button>
                  <div className="muted nowrap">by {i.requestedBy}</div>
                </td>
                <td>
                  <span className={`run-status run-${i.status}`}>{statusLabel(i)}</span>
                  {i.error ? (
                    <div className="muted" title={i.error}>
                      {i.error.length > 60 ? `${i.error.slice(0, 60)}…` : i.error}
                    </div>
                  ) : null}
                </td>
                <td>
                  <span className="nowrap">{storeDateTime(i.startedAt, store.timeZone)}</span>
                  {i.seconds !== undefined ? (
                    <div className="muted">took {durationLabel(i.seconds)}</div>
                  ) : null}
                </td>
                {i.status === 'running' ? (
                  // No counts before it ends: the row says how far it is, in the same words as its own panel.
                  <td colSpan={6} className="muted" data-testid="history-progress">
                    {progressText(i)}
                  </td>
                ) : (
                  <>
                    <td className="num" data-testid="history-orders">
                      {s ? count(s.orders) : '—'}
                    </td>
                    <td className="num">{s ? count(s.customers) : '—'}</td>
                    <td className="num">{s ? count(s.products) : '—'}</td>
                    <td className="num">
                      <span data-testid="history-rejected">{s ? count(s.linesRejected) : '—'}</span>
                      {i.rejectsUrl ? (
                        <div>
                          <a
                            href={i.rejectsUrl}
                            download
                            aria-label="Rejects (CSV)"
                            title="The rejected lines as CSV"
                          >
                            CSV
                          </a>
                        </div>
                      ) : null}
                    </td>
                    <td className="num" data-testid="history-net">
                      {s ? moneyLabel(s.netByCurrency, store.currency) : '—'}
                    </td>
                    <td>
                      <OrderDays first={s?.firstOrderAt} last={s?.lastOrderAt} timeZone={store.timeZone} />
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
