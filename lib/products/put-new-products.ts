import { batchPut } from '../db/batch';
import { knownProductIds } from './known-product-ids';
import type { ProductItem } from './put-products';

/**
 * Adds the products the catalogue does not hold yet (bulk loads such as imports: a SKU seen in an order file);
 * products already there are left as they are, so the catalogue's own names, categories and prices win. Returns
 * the ids added.
 */
export async function putNewProducts(products: readonly ProductItem[]): Promise<string[]> {
  const known = await knownProductIds(products.map((p) => p.productId));
  const fresh = products.filter((p) => !known.has(p.productId));
  await batchPut(
    'products',
    fresh.map((p) => ({ ...p })),
  );
  return fresh.map((p) => p.productId);
}
