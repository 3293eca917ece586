import { z } from 'zod';
import { purchaseDigestSchema } from './purchase-digest';
import type { StoreUnits } from '../overview/store-units';

/** A `customers` item as stored. */
export const customerItemSchema = z.object({
  customerId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  city: z.string(),
  postcode: z.string(),
  createdAt: z.string(),
  orderCount: z.number().int().nonnegative().default(0),
  totalSpentMinor: z.number().int().nonnegative().default(0),
  firstOrderAt: z.string().optional(),
  lastOrderAt: z.string().optional(),
  /** The purchase history in brief, for the analysis (lib/customers/purchase-digest.ts). */
  purchases: purchaseDigestSchema.optional(),
  segment: z.string().optional(),
  rfm: z.object({ recency: z.number(), frequency: z.number(), monetary: z.number() }).optional(),
  segmentUpdatedAt: z.string().optional(),
  /** Bumped by every segment write; writes are conditional on it (set-customer-segment.ts, clear-customer-segment.ts). */
  segmentVersion: z.number().int().nonnegative().optional(),
  /** The latest segment changes, newest last (bounded: the full history is in the segment_updated events). */
  segmentHistory: z
    .array(z.object({ at: z.string(), from: z.string().nullable(), to: z.string() }))
    .optional(),
});
export type CustomerItem = z.infer<typeof customerItemSchema>;

/** What the storefront (or the seed) knows of a customer when their profile is first created. */
export type CustomerProfile = Pick<
  CustomerItem,
  'customerId' | 'firstName' | 'lastName' | 'email' | 'city' | 'postcode' | 'createdAt'
>;

export const customerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

/** What a reader without PII rights sees: a masked name, no contact or address. */
export interface CustomerView {
  customerId: string;
  /** The name (its initials when masked); '' when the profile has none. */
  displayName: string;
  email?: string;
  city?: string;
  postcode?: string;
  createdAt: string;
  orderCount: number;
  totalSpentMinor: number;
  /** The store's currency (ISO 4217): `totalSpentMinor` is in its minor units. */
  currency: string;
  /** The store's time zone (IANA): the days of `createdAt`, `firstOrderAt` and `lastOrderAt` are its days. */
  timeZone: string;
  firstOrderAt?: string;
  lastOrderAt?: string;
  segment?: string;
  rfm?: { recency: number; frequency: number; monetary: number };
  segmentHistory?: { at: string; from: string | null; to: string }[];
  masked: boolean;
}

/** The name as given: either part may be missing (an imported customer often has only an e-mail); '' for none. */
const fullName = (first: string, last: string) => [first.trim(), last.trim()].filter(Boolean).join(' ');

/** Initials of the parts there are ("A. S.", "A."); '' when there is no name to mask. */
function maskName(first: string, last: string): string {
  return [first.trim(), last.trim()]
    .filter(Boolean)
    .map((part) => `${part.slice(0, 1)}.`)
    .join(' ');
}

export function toCustomerView(item: CustomerItem, withPii: boolean, store: StoreUnits): CustomerView {
  return {
    customerId: item.customerId,
    displayName: withPii ? fullName(item.firstName, item.lastName) : maskName(item.firstName, item.lastName),
    ...(withPii ? { email: item.email, city: item.city, postcode: item.postcode } : {}),
    createdAt: item.createdAt,
    orderCount: item.orderCount,
    totalSpentMinor: item.totalSpentMinor,
    currency: store.currency,
    timeZone: store.timeZone,
    firstOrderAt: item.firstOrderAt,
    lastOrderAt: item.lastOrderAt,
    segment: item.segment,
    rfm: item.rfm,
    segmentHistory: item.segmentHistory,
    masked: !withPii,
  };
}
