import { storeDateTime } from '@/lib/time/store-time';
import type { ImportView, StoreUnits } from '@/lib/client/use-imports';
import { count, durationLabel, moneyLabel, statusLabel } from './import-format';
import { storeDay } from '@/lib/time/store-time';

/** The store's days of the first and last order, each kept whole when the cell wraps. */
function OrderDays({ first, last, timeZone }: { first?: string; last?: string; timeZone: string }) {
  if (!first) return <>—</>;
  const from = storeDay(first, timeZone);
  const to = storeDay(last ?? first, timeZone);
  if (from === to) return <span className="nowrap">{from}</span>;
  return (
    <>
      <span className="nowrap">{from}</span> – <span className="nowrap">{to}</span>
    </>
  );
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
                <td>
                  <span className="nowrap">{storeDateTime(i.startedAt, store.timeZone)}</span>
                  {i.seconds !== undefined ? (
                    <div className="muted">took {durationLabel(i.seconds)}</div>
                  ) : null}
                </td>
                <td className="num" data-testid="history-orders">
                  {s ? count(s.orders) : '—'}
                </td>
                <td className="num">{s ? count(s.customers) : '—'}</td>
                <td className="num">{s ? count(s.products) : '—'}</td>
                <td className="num">
                  <span data-testid="history-rejected">{s ? count(s.linesRejected) : '—'}</span>
                  {i.rejectsUrl ? (
                    <div>
                      <a href={i.rejectsUrl} download>
                        Rejects (CSV)
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
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
