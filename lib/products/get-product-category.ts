import { getItem } from '../db/items';

/** The category of a product in the catalogue, or undefined for a product it does not hold. */
export async function getProductCategory(productId: string): Promise<string | undefined> {
  const product = await getItem('products', { productId });
  return product ? String(product.categoryId) : undefined;
}
