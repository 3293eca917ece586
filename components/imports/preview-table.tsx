import { formatMoney } from '@/lib/money/currency';
import type { ImportPreview } from '@/lib/client/use-imports';
import { storeDateTime } from '@/lib/time/store-time';

/** The first rows as the import reads them (the store's clock, money in the line's currency), or why not. */
export function PreviewTable({ preview, timeZone }: { preview: ImportPreview; timeZone: string }) {
  const rejected = preview.rows.filter((r) => !r.ok).length;
  return (
    <section className="card" aria-labelledby="preview-heading">
      <header className="card-header">
        <h2 id="preview-heading">The first {preview.rows.length} lines, as they would be imported</h2>
        <span className="muted">
          times on the store&apos;s clock ({timeZone}) ·{' '}
          {rejected ? `${rejected} of these would be rejected` : 'all readable'}
        </span>
      </header>
      {preview.rows.length ? (
        <div className="table-scroll">
          <table className="table import-preview" data-testid="preview-rows">
            <thead>
              <tr>
                <th className="num">Line</th>
                <th>Order</th>
                <th>Customer</th>
                <th>Ordered at</th>
                <th>SKU</th>
                <th>Product</th>
                <th>Category</th>
                <th className="num">Qty</th>
                <th className="num">Line total</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) =>
                row.ok ? (
                  <tr key={row.lineNumber}>
                    <td className="num">{row.lineNumber}</td>
                    <td>{row.line.orderId}</td>
                    {/* A pseudonymised id (e-mail or an id with . : #) is long: cut, whole on hover. */}
                    <td className="id-cell" title={row.line.customerId}>
                      {row.line.customerId}
                    </td>
                    <td>{storeDateTime(row.line.orderedAt, timeZone)}</td>
                    <td>{row.line.sku}</td>
                    <td>{row.line.productName ?? '—'}</td>
                    <td>{row.line.category}</td>
                    <td className="num">{row.line.quantity}</td>
                    <td className="num">{formatMoney(row.line.lineTotalMinor, row.line.currency)}</td>
                  </tr>
                ) : (
                  <tr key={row.lineNumber} className="rejected-row">
                    <td className="num">{row.lineNumber}</td>
                    <td colSpan={8}>
                      <strong>Rejected</strong>
                      {row.column ? (
                        <>
                          {' '}
                          (<code>{row.column}</code>)
                        </>
                      ) : null}
                      : {row.reason}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">The file has a header but no lines.</p>
      )}
    </section>
  );
}
