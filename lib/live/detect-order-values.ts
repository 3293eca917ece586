import { getConfig } from '../config';
import { getCustomerItem } from '../customers/get-customer';
import { epochDay } from '../customers/purchase-digest';
import type { EventOf } from '../events';
import { forEachLimit } from '../for-each-limit';
import { raiseAlert } from './alerts/alert-store';
import { orderValueOutlier } from './detection/customer-signals';
import { median } from './detection/robust';

/**
 * Order values far outside the customer's own history (a 10× basket: a mistake, fraud, or a business customer)
 * raise an `order_value` alert explaining itself. Runs on purchases after the customer summary, so the purchase
 * digest includes the order; the baseline is the customer's spend on earlier days. A check for the business's and
 * the customer's protection, not outreach, so it needs no marketing consent. One alert per order (its id is the
 * order's), however often the event is delivered.
 */
export async function detectOrderValues(purchases: readonly EventOf<'purchase'>[]): Promise<number> {
  let raised = 0;
  await forEachLimit(purchases, 4, async (event) => {
    const customer = await getCustomerItem(event.customerId, { consistent: true });
    const digest = customer?.purchases;
    if (!digest) return;
    // The digest counts the store's days: so does this order.
    const orderDay = epochDay(event.properties.placedAt, getConfig().STORE_TIMEZONE) - digest.start;
    const earlier = digest.spend.filter((_, i) => digest.days[i]! < orderDay);
    const verdict = orderValueOutlier(event.properties.totalMinor, earlier, event.properties.currency);
    if (!verdict.raise) return;
    const ratio = event.properties.totalMinor / Math.max(1, median(earlier));
    const created = await raiseAlert({
      alertId: `order_value:${event.properties.orderId}`,
      kind: 'order_value',
      severity: ratio >= 10 ? 'critical' : 'warning',
      title: `Order ${event.properties.orderId}: ${verdict.observed}, ${verdict.why.split(' (')[0]}`,
      subject: event.customerId,
      customerId: event.customerId,
      explanation: {
        feature: verdict.feature,
        expected: verdict.expected,
        observed: verdict.observed,
        why: verdict.why,
      },
    });
    if (created) raised++;
  });
  return raised;
}
