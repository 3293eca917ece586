import { batchGet } from '../db/batch';

/** Which of these product ids the catalogue holds (100 per request, consistent). */
export async function knownProductIds(productIds: readonly string[]): Promise<Set<string>> {
  if (!productIds.length) return new Set();
  const found = await batchGet(
    'products',
    productIds.map((productId) => ({ productId })),
    { consistent: true },
  );
  return new Set(found.map((p) => String(p.productId)));
}
