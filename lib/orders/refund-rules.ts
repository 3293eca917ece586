import { minorToDecimal } from '../money/currency';
import { netMinor, type Order, type Refund } from './order';

/**
 * The rules of a refund, pure: how much and which units an order still has to give back, and what a refund
 * answers. A refund lowers the order's net value; the order's lines and total stay as sold.
 */
export interface RefundAsk {
  amountMinor: number;
  items?: readonly { productId: string; quantity: number }[];
}

const sumBy = (pairs: Iterable<{ productId: string; quantity: number }>) => {
  const totals = new Map<string, number>();
  for (const { productId, quantity } of pairs) totals.set(productId, (totals.get(productId) ?? 0) + quantity);
  return totals;
};

/** Units sold per product (an order may list a product on more than one line). */
export const soldQuantities = (order: Pick<Order, 'items'>) => sumBy(order.items);

/** Units already returned per product, over every refund that said what came back. */
export const returnedQuantities = (order: Pick<Order, 'refunds'>) =>
  sumBy((order.refunds ?? []).flatMap((r) => r.items ?? []));

/** Why this refund cannot be taken on the order as it stands, in a sentence for the caller; undefined when it can. */
export function refundProblem(order: Order, ask: RefundAsk): string | undefined {
  const left = netMinor(order);
  if (ask.amountMinor > left) {
    const money = (minor: number) => `${minorToDecimal(minor, order.currency)} ${order.currency}`;
    return (
      `A refund of ${money(ask.amountMinor)} exceeds what is left on order ${order.orderId}: ` +
      `${money(left)} (total ${money(order.totalMinor)}, refunded ${money(order.totalMinor - left)}).`
    );
  }
  const sold = soldQuantities(order);
  const returned = returnedQuantities(order);
  for (const { productId, quantity } of ask.items ?? []) {
    const bought = sold.get(productId);
    if (bought === undefined) return `Order ${order.orderId} has no line for product ${productId}.`;
    const back = returned.get(productId) ?? 0;
    if (quantity > bought - back)
      return (
        `Order ${order.orderId} sold ${bought} of ${productId} and ${back} came back already; ` +
        `${quantity} more cannot be returned.`
      );
  }
  return undefined;
}

/** The returned items with their categories, taken from the order's line for each product. */
export function withOrderCategories(
  order: Pick<Order, 'items'>,
  items: readonly { productId: string; quantity: number }[],
): NonNullable<Refund['items']> {
  return items.map(({ productId, quantity }) => {
    const line = order.items.find((l) => l.productId === productId);
    if (!line) throw new Error(`no line for ${productId}`); // refundProblem() refused it before
    return { productId, categoryId: line.categoryId, quantity };
  });
}

/** The refund and the order's money as they stood right after it: the same answer however often it is asked. */
export function refundOutcome(order: Order, refundId: string) {
  const refunds = order.refunds ?? [];
  const index = refunds.findIndex((r) => r.refundId === refundId);
  const refund = refunds[index];
  if (!refund) throw new Error(`order ${order.orderId} has no refund ${refundId}`);
  const refundedMinor = refunds.slice(0, index + 1).reduce((sum, r) => sum + r.amountMinor, 0);
  const decimal = (minor: number) => minorToDecimal(minor, order.currency);
  return {
    refund: {
      refundId,
      orderId: order.orderId,
      amountMinor: refund.amountMinor,
      amount: decimal(refund.amountMinor),
      refundedAt: refund.at,
      ...(refund.items ? { items: refund.items } : {}),
      ...(refund.reason ? { reason: refund.reason } : {}),
    },
    order: {
      orderId: order.orderId,
      currency: order.currency,
      totalMinor: order.totalMinor,
      refundedMinor,
      netMinor: order.totalMinor - refundedMinor,
      total: decimal(order.totalMinor),
      refunded: decimal(refundedMinor),
      net: decimal(order.totalMinor - refundedMinor),
    },
  };
}
export type RefundOutcome = ReturnType<typeof refundOutcome>;
