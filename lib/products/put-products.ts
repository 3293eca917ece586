import { batchPut } from '../db/batch';

export interface ProductItem {
  productId: string;
  categoryId: string;
  sku: string;
  name: string;
  priceMinor: number;
}

/** Bulk load of the catalogue; idempotent by productId. */
export async function putProducts(products: readonly ProductItem[]): Promise<void> {
  await batchPut(
    'products',
    products.map((p) => ({ ...p })),
  );
}
