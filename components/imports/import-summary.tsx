import type { ImportView, RejectExample } from '@/lib/client/use-imports';
import { count, dateRangeLabel, moneyLabel } from './import-format';
import { reasonRows } from './import-outcome';

/** What an import did, or a dry run would do: one fact a line, money in the store's currency, days in its zone. */
export function ImportSummary({
  view,
  examples,
  currency,
  timeZone,
}: {
  view: ImportView;
  /** Per kind of rejection, its first line's whole reason (sent with the page of rejected lines). */
  examples?: readonly RejectExample[];
  currency: string;
  timeZone: string;
}) {
  const s = view.summary;
  if (!s) return null;
  const verb = view.dryRun ? 'would import' : 'imported';
  const reasons = reasonRows(s, examples);
  return (
    <dl className="profile import-summary" data-testid="import-summary">
      <dt>Lines</dt>
      <dd>
        {count(s.lines)} read: {count(s.linesImported)} {verb},{' '}
        <span data-testid="summary-rejected">{count(s.linesRejected)} rejected</span>
      </dd>
      {reasons.length ? (
        <>
          <dt>Why rejected</dt>
          <dd>
            <ul className="import-reasons">
              {/* Every kind of reason: a short list that leaves some out would hide lines from the count above. */}
              {reasons.map((r) => (
                <li key={r.kind} data-testid="reject-reason">
                  {count(r.count)} × {r.kind}
                  {r.example ? (
                    <div className="muted" data-testid="reason-example">
                      {r.example}
                    </div>
                  ) : r.firstLine ? (
                    <span className="muted"> (first: line {count(r.firstLine)})</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      <dt>Orders</dt>
      <dd data-testid="summary-orders">
        {count(s.orders)} ({count(s.ordersWithReturns)} with returns
        {s.ordersUnchanged ? `, ${count(s.ordersUnchanged)} already stored alike` : ''})
      </dd>
      <dt>Customers</dt>
      <dd>
        {count(s.customers)} ({count(s.customersNew)} new)
      </dd>
      <dt>Products</dt>
      <dd>
        {count(s.products)} ({count(s.productsNew)} new to the catalogue)
      </dd>
      <dt>Net revenue</dt>
      <dd data-testid="summary-net">
        {moneyLabel(s.netByCurrency, currency)}{' '}
        <span className="muted">
          (sales {moneyLabel(s.salesByCurrency, currency)}, returns{' '}
          {moneyLabel(s.refundsByCurrency, currency)})
        </span>
      </dd>
      <dt>Orders from</dt>
      <dd>
        {dateRangeLabel(s.firstOrderAt, s.lastOrderAt, timeZone)} <span className="muted">({timeZone})</span>
      </dd>
      {view.productRejects ? (
        <>
          <dt>Products file</dt>
          <dd>{count(view.productRejects)} rows could not be read</dd>
        </>
      ) : null}
    </dl>
  );
}
