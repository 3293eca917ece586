import { PRODUCT_ROWS } from './catalog-data';

export interface Category {
  /** Stable id used on order items, e.g. `cat_dairy`. */
  categoryId: string;
  slug: string;
  name: string;
  /** Typical days between two purchases of this category by a regular buyer. */
  cycleDays: number;
  /** Coefficient of variation of one buyer's gap around their own cycle (how regular the habit is). */
  cycleCv: number;
  /** Relative chance that a customer buys this category regularly (dairy is near-universal, pet food is not). */
  penetration: number;
  /** Mean number of different products bought when the category is bought (produce is a bag of several). */
  breadth: number;
}

export interface Product {
  /** Stable id, `prd_<category slug>_<2-digit index>`. */
  productId: string;
  categoryId: string;
  /** EAN-13 in the 20–29 "in-store" prefix range, so it can never collide with a real manufacturer's code. */
  sku: string;
  name: string;
  /** Shelf price in EUR cents. */
  priceMinor: number;
}

export interface Catalog {
  categories: readonly Category[];
  products: readonly Product[];
}

function category(
  slug: string,
  name: string,
  cycleDays: number,
  cycleCv: number,
  penetration: number,
  breadth: number,
): Category {
  return { categoryId: `cat_${slug}`, slug, name, cycleDays, cycleCv, penetration, breadth };
}

// Rhythms are the replenishment intervals a category manager would quote; fresh goods are short and regular,
// stock-up goods (detergent, toiletries) long, and impulse-driven categories (snacks, wine) irregular.
export const CATEGORIES: readonly Category[] = [
  category('dairy', 'Milk & dairy', 7, 0.3, 0.9, 1.8),
  category('bakery', 'Bread & bakery', 5, 0.35, 0.85, 1.4),
  category('produce', 'Fresh produce', 6, 0.35, 0.9, 2.5),
  category('eggs', 'Eggs', 10, 0.3, 0.6, 1),
  category('meat-fish', 'Meat & fish', 9, 0.4, 0.65, 1.5),
  category('coffee-tea', 'Coffee & tea', 21, 0.3, 0.6, 1.1),
  category('cereal', 'Breakfast cereal', 18, 0.35, 0.45, 1.1),
  category('pantry', 'Pasta, rice & grains', 28, 0.4, 0.6, 1.5),
  category('snacks', 'Snacks & sweets', 12, 0.5, 0.55, 1.4),
  category('beverages', 'Beverages', 10, 0.4, 0.6, 1.3),
  category('frozen', 'Frozen food', 20, 0.45, 0.4, 1.5),
  category('household', 'Household & cleaning', 42, 0.35, 0.5, 1.2),
  category('toiletries', 'Toiletries', 35, 0.35, 0.45, 1.2),
  category('baby-pet', 'Baby & pet', 14, 0.3, 0.2, 1.3),
  category('wine-beer', 'Wine & beer', 16, 0.5, 0.35, 1.3),
];

function ean13(categoryIndex: number, productIndex: number): string {
  const body = `20${String(categoryIndex + 1).padStart(2, '0')}00000${String(productIndex + 1).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

/** The full demo assortment. Pure and deterministic: every call returns the same ids, SKUs and prices. */
export function buildCatalog(): Catalog {
  const products: Product[] = [];
  CATEGORIES.forEach((cat, categoryIndex) => {
    const rows = PRODUCT_ROWS[cat.slug];
    if (!rows) throw new Error(`catalog-data has no products for category ${cat.slug}`);
    rows.forEach(([name, priceMinor], productIndex) => {
      products.push({
        productId: `prd_${cat.slug}_${String(productIndex + 1).padStart(2, '0')}`,
        categoryId: cat.categoryId,
        sku: ean13(categoryIndex, productIndex),
        name,
        priceMinor,
      });
    });
  });
  return { categories: CATEGORIES, products };
}
