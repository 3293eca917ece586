import { batchDelete } from './batch';
import { scanItems } from './items';
import type { Owner, TABLES, TableName } from './tables';

/** What retention asks a table's owner to expire: items whose date attribute is older than the cutoff. */
export interface ExpirySpec {
  /** ISO time, date (YYYY-MM-DD) or epoch seconds, in the attribute's own form. */
  cutoff: string | number;
  dateAttribute: string;
  /** Only items also matching this DynamoDB filter. */
  filter?: { expression: string; names?: Record<string, string>; values: Record<string, unknown> };
  /** Count only (the preview officers see before changing days). */
  dryRun: boolean;
}

/** One table's expiry, exported by its owner and run by privacy's retention sweep. Returns the items past it. */
export type Expirer = (spec: ExpirySpec) => Promise<number>;

/**
 * The embedded store has no TTL, and retention periods are the officers' choice: items past their retention are
 * found by a filtered scan and deleted in batches. Owners bind it to their tables (`lib/<owner>/expiry.ts`).
 */
export async function expireItems(table: TableName, spec: ExpirySpec): Promise<number> {
  const items = await scanItems(table, {
    expression: [`#d < :cutoff`, spec.filter?.expression].filter(Boolean).join(' AND '),
    names: { '#d': spec.dateAttribute, ...spec.filter?.names },
    values: { ':cutoff': spec.cutoff, ...spec.filter?.values },
  });
  if (!spec.dryRun && items.length) await batchDelete(table, items);
  return items.length;
}

type Table = (typeof TABLES)[number];

/** One owner's expirers: only tables that name this owner, so one bound in the wrong domain fails the type check. */
export type OwnerExpiry<O extends Owner> = Partial<Record<Extract<Table, { owner: O }>['name'], Expirer>>;
