import { getConfig } from '../config';
import { allowing } from '../privacy/consent/may-use';
import { maskedLabel } from '../privacy/pseudonym';
import { activeShoppers, type Activity } from './live-activity';

/**
 * The Live page's active shoppers. Watching one person shop is personalization: a shopper who does not allow it is
 * shown masked — a short pseudonym instead of their id — with the session's numbers only.
 */
export interface ActiveShopper extends Omit<Activity, 'customerId' | 'lastProductId'> {
  customerId: string | null;
  label: string;
  masked: boolean;
  lastProductId: string | null;
}

export async function getActiveShoppers(
  limit = 100,
  now = new Date(),
): Promise<{ active: number; shoppers: ActiveShopper[]; currency: string }> {
  const all = await activeShoppers(now);
  const shown = all.slice(0, limit);
  const allowed = await allowing(
    shown.map((a) => a.customerId),
    'personalization',
  );
  return {
    active: all.length,
    // Carts are counted in the store's currency, the one its storefront sells in.
    currency: getConfig().STORE_CURRENCY,
    shoppers: shown.map((a) => {
      const masked = !allowed.has(a.customerId);
      return {
        ...a,
        customerId: masked ? null : a.customerId,
        label: masked ? maskedLabel(a.customerId) : a.customerId,
        masked,
        lastProductId: masked ? null : a.lastProductId,
        sessionId: masked ? null : a.sessionId,
      };
    }),
  };
}
