import type { RetainedTable } from './expiry-registry';

/**
 * The data classes retention applies to: a table (or the part of one) and the attribute that dates its items.
 * Defaults are documented in docs/privacy.md; officers change them on the Privacy page within [minDays, maxDays].
 */
export interface RetentionClass {
  id: string;
  label: string;
  table: RetainedTable;
  /** Further tables holding the same kind of item, expired by the same rule. */
  moreTables?: readonly RetainedTable[];
  /** ISO time (or epoch seconds when `epochSeconds`) the age is measured from. */
  dateAttribute: string;
  epochSeconds?: boolean;
  /** The attribute is a date (YYYY-MM-DD): compared with the cutoff's date, so only whole older days go. */
  dateOnly?: boolean;
  /** Only items matching this (a DynamoDB filter on top of the age), e.g. finished requests only. */
  filter?: { expression: string; names?: Record<string, string>; values: Record<string, unknown> };
  defaultDays: number;
  minDays: number;
  maxDays: number;
  why: string;
}

const YEAR = 365;

export const RETENTION_CLASSES: readonly RetentionClass[] = [
  {
    id: 'processing-marks',
    label: 'Event processing marks',
    table: 'processed_events',
    dateAttribute: 'processedAt',
    defaultDays: 8,
    minDays: 8,
    maxDays: YEAR,
    why: 'needed only while the stream can redeliver an event (7 days at most)',
  },
  {
    id: 'aggregate-markers',
    label: 'Counted-once markers of the aggregates',
    table: 'stream_aggregates',
    moreTables: ['business_weeks', 'consent_aggregates'],
    dateAttribute: 'expiresAt',
    epochSeconds: true,
    filter: { expression: 'attribute_exists(expiresAt)', values: {} },
    defaultDays: 0,
    minDays: 0,
    maxDays: YEAR,
    why: 'each marker carries its own expiry (a week after the event); days here are added to it',
  },
  {
    id: 'dead-letters',
    label: 'Dead letters',
    table: 'dead_letters',
    dateAttribute: 'failedAt',
    defaultDays: 30,
    minDays: 7,
    maxDays: YEAR,
    why: 'failed events kept long enough to fix and replay them',
  },
  {
    id: 'alerts',
    label: 'Alerts',
    table: 'alerts',
    dateAttribute: 'createdAt',
    defaultDays: 90,
    minDays: 7,
    maxDays: 2 * YEAR,
    why: 'outreach alerts are acted on within days',
  },
  {
    id: 'insights',
    label: 'Customer insights (model output)',
    table: 'customer_insights',
    dateAttribute: 'createdAt',
    defaultDays: YEAR,
    minDays: 30,
    maxDays: 3 * YEAR,
    why: 'older explanations describe a customer who has changed',
  },
  {
    id: 'finished-requests',
    label: 'Finished privacy requests',
    table: 'privacy_requests',
    dateAttribute: 'updatedAt',
    filter: {
      expression: 'begins_with(requestId, :req) AND (#s = :done OR #s = :denied)',
      names: { '#s': 'status' }, // a reserved word
      values: { ':req': 'req_', ':done': 'completed', ':denied': 'denied' },
    },
    defaultDays: 3 * YEAR,
    minDays: YEAR,
    maxDays: 10 * YEAR,
    why: 'evidence of how requests were answered, for the limitation period of complaints',
  },
  {
    id: 'audit',
    label: 'Audit log',
    table: 'audit_log',
    // By day, not by entry: each day is one chain, so only whole days go and the others still verify.
    dateAttribute: 'day',
    dateOnly: true,
    defaultDays: 6 * YEAR,
    minDays: 2 * YEAR,
    maxDays: 10 * YEAR,
    why: 'accountability: who did what with personal data (whole days go, so the remaining chains still verify)',
  },
  {
    id: 'orders',
    label: 'Orders',
    table: 'orders',
    dateAttribute: 'placedAt',
    defaultDays: 7 * YEAR,
    minDays: 7 * YEAR,
    maxDays: 12 * YEAR,
    why: 'bookkeeping law keeps sales records for 7 years',
  },
];

export const retentionClass = (id: string) => RETENTION_CLASSES.find((c) => c.id === id);
