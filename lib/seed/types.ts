// Shapes of the generated demo dataset. Amounts are integer minor units, in the store's currency once written (the
// generator is currency-free: the same numbers in any currency); times are ISO-8601 UTC strings.

export interface SeedOptions {
  seed: string;
  customers: number;
  /** Last instant of the observation window; no order is placed after it. */
  end: Date;
  /** Length of the window before `end` over which customers are acquired. Default 2. */
  years?: number;
}

export interface SeedCustomer {
  customerId: string;
  firstName: string;
  lastName: string;
  email: string;
  city: string;
  postcode: string;
  /** ISO time of the first purchase, which is when the customer became known to the retailer. */
  createdAt: string;
}

export interface SeedOrderItem {
  productId: string;
  categoryId: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface SeedOrder {
  orderId: string;
  customerId: string;
  placedAt: string;
  items: SeedOrderItem[];
  totalMinor: number;
}

/** What the generator really used for one customer, for scoring models that only see the orders. */
export interface CustomerTruth {
  customerId: string;
  /** The customer's true trip rate λ while alive, in trips per week. */
  tripsPerWeek: number;
  /** Probability p of becoming inactive right after each repeat purchase. */
  dropoutProbability: number;
  /** ISO time of the last trip when the customer dropped out; null when still active at `end`. */
  droppedOutAt: string | null;
  /** The customer's own replenishment cycle in days, for each category they buy regularly. */
  categoryCycleDays: Record<string, number>;
  /** How much more (or less) than average this customer puts in a basket; mean 1 across customers. */
  spendMultiplier: number;
}

export interface CustomerHistory {
  customer: SeedCustomer;
  orders: SeedOrder[];
  truth: CustomerTruth;
}

/**
 * Population parameters of the BG/NBD process: λ ~ Gamma(shape r, rate alpha) per week and p ~ Beta(a, b).
 * `start`/`end` bound the acquisition window (ISO).
 */
export interface PopulationTruth {
  r: number;
  alpha: number;
  a: number;
  b: number;
  start: string;
  end: string;
  seed: string;
}
