import { expireItems, type OwnerExpiry } from '../db/expire-items';

/** Expiry of orders past the accounting period, run by privacy's retention sweep. */
export const ORDERS_EXPIRY = {
  orders: (spec) => expireItems('orders', spec),
} satisfies OwnerExpiry<'orders'>;
