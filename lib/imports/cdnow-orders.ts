/**
 * The public CDNOW sample's transactions (Id, Date, CDs, Price: one row per purchase, US dollars) as the import's
 * canonical line-item CSV: one order per row, customer `cdnow-<Id>`, one line of SKU CD in category music. For
 * measuring the models on real data (docs/analysis.md, `npm run cdnow:orders`). Pure.
 */
export const CDNOW_ORDERS_HEADER =
  'order_id,customer_id,ordered_at,sku,product_name,category,quantity,line_total,currency';

export class NotCdnowRowError extends Error {
  override name = 'NotCdnowRowError';
}

/** One CDNOW transaction (`index`: its 0-based row, which makes the order id) as a canonical order line. */
export function cdnowOrderLine(row: Record<string, string>, index: number): string {
  const id = row.Id?.trim();
  const date = row.Date?.trim();
  const cds = Number(row.CDs);
  const price = Number(row.Price);
  if (!id || !/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') || !(cds > 0) || !(price >= 0))
    throw new NotCdnowRowError(
      `row ${index + 2} is not a CDNOW transaction (Id, Date, CDs, Price): ${JSON.stringify(row)}`,
    );
  return `cdnow-${id}-${index + 1},cdnow-${id},${date},CD,CD,music,${cds},${price.toFixed(2)},USD`;
}
