import type { ImportView } from '@/lib/client/use-imports';
import { count, dateRangeLabel, moneyLabel } from './import-format';

/** What an import did, or a dry run would do: one fact a line, money in the store's currency, days in its zone. */
export function ImportSummary({
  view,
  currency,
  timeZone,
}: {
  view: ImportView;
  currency: string;
  timeZone: string;
}) {
  const s = view.summary;
  if (!s) return null;
  const verb = view.dryRun ? 'would import' : 'imported';
  const reasons = Object.entries(s.rejectedByReason).sort((a, b) => b[1] - a[1]);
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
              {reasons.map(([reason, n]) => (
                <li key={reason}>
                  {count(n)} × {reason}
                  {s.firstRejectedLine?.[reason] ? (
                    <span className="muted"> (first: line {count(s.firstRejectedLine[reason])})</span>
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
