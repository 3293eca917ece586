import { getCustomer } from '../customers/get-customer';
import { listCustomerOrders } from '../orders/list-customer-orders';
import type { Order } from '../orders/order';
import { mayUse } from './consent/may-use';
import { pseudonymFor } from './pseudonym';

/**
 * What leaves the system about a customer when an external language model analyses them: their pseudonym and
 * behavioural features, never their id, name, e-mail or address. The analysis that calls a model builds its payload
 * here, so this is also what the Privacy page shows as "what the model sees".
 */
export interface ModelInput {
  customer: string; // the pseudonym
  asOf: string;
  orders: number;
  spentMinor: number;
  currency: 'EUR';
  daysSinceFirstOrder: number | null;
  daysSinceLastOrder: number | null;
  meanDaysBetweenOrders: number | null;
  /** Share of spend per category (the largest eight), 0–1. */
  categoryShares: Record<string, number>;
  /** Only when the customer allows personalization. */
  segment?: string;
}

export interface ModelView {
  /** ai_processing allowed: the input is sent; otherwise nothing leaves and `input` shows what would have. */
  sent: boolean;
  reason: string;
  input: ModelInput | null;
  /** What is held but never sent. */
  withheld: string[];
}

const DAY = 86_400_000;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function allOrders(customerId: string): Promise<Order[]> {
  const orders: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCustomerOrders(customerId, 200, cursor);
    orders.push(...page.orders);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return orders;
}

/** The pseudonymized features of one customer, as of `asOf`. Pure apart from the reads. */
export async function modelInputFor(customerId: string, asOf = new Date()): Promise<ModelInput | null> {
  const customer = await getCustomer(customerId, false, { consistent: true });
  if (!customer) return null;
  const orders = (await allOrders(customerId)).sort((a, b) => a.placedAt.localeCompare(b.placedAt));
  const times = orders.map((o) => Date.parse(o.placedAt));
  const spend = new Map<string, number>();
  for (const o of orders)
    for (const item of o.items)
      spend.set(item.categoryId, (spend.get(item.categoryId) ?? 0) + item.quantity * item.unitPriceMinor);
  const total = [...spend.values()].reduce((a, b) => a + b, 0);
  const shares = [...spend]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([category, minor]) => [category, total ? round(minor / total, 3) : 0] as const);
  const first = times[0];
  const last = times.at(-1);
  return {
    customer: pseudonymFor(customerId),
    asOf: asOf.toISOString(),
    orders: orders.length,
    spentMinor: orders.reduce((sum, o) => sum + o.totalMinor, 0),
    currency: 'EUR',
    daysSinceFirstOrder: first === undefined ? null : round((asOf.getTime() - first) / DAY),
    daysSinceLastOrder: last === undefined ? null : round((asOf.getTime() - last) / DAY),
    meanDaysBetweenOrders:
      first !== undefined && last !== undefined && times.length > 1
        ? round((last - first) / DAY / (times.length - 1))
        : null,
    categoryShares: Object.fromEntries(shares),
    ...(customer.segment && (await mayUse(customerId, 'personalization'))
      ? { segment: customer.segment }
      : {}),
  };
}

/** The Privacy page's "what the model sees": the input, and whether consent lets it leave. */
export async function modelViewFor(customerId: string): Promise<ModelView | null> {
  const input = await modelInputFor(customerId);
  if (!input) return null;
  const sent = await mayUse(customerId, 'ai_processing');
  return {
    sent,
    reason: sent
      ? 'The customer allows ai_processing: this is all an external model receives.'
      : 'The customer does not allow ai_processing: nothing is sent; the statistical analysis runs here instead.',
    input,
    withheld: [
      'customer id',
      'first and last name',
      'e-mail',
      'city',
      'postcode',
      'order ids',
      'exact order times',
    ],
  };
}
