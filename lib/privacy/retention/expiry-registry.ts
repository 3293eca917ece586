import { ANALYSIS_EXPIRY } from '../../analysis/expiry';
import type { Expirer } from '../../db/expire-items';
import { KINESIS_EXPIRY } from '../../kinesis/expiry';
import { LIVE_EXPIRY } from '../../live/expiry';
import { ORDERS_EXPIRY } from '../../orders/expiry';
import { OVERVIEW_EXPIRY } from '../../overview/expiry';
import { PRIVACY_EXPIRY } from '../expiry';

/**
 * The tables retention may expire, each through its owner (lib/<owner>/expiry.ts): privacy decides how long data
 * is kept, the owner deletes its own rows.
 */
export const EXPIRY = {
  ...KINESIS_EXPIRY,
  ...LIVE_EXPIRY,
  ...OVERVIEW_EXPIRY,
  ...ANALYSIS_EXPIRY,
  ...ORDERS_EXPIRY,
  ...PRIVACY_EXPIRY,
} satisfies Record<string, Expirer>;

export type RetainedTable = keyof typeof EXPIRY;
