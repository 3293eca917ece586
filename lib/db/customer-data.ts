import type { Item } from './items';
import type { Owner, TABLES, TableName } from './tables';

/**
 * How a table's owner erases and exports one customer's rows. Types only, so owners implement them without
 * depending on lib/privacy, which orchestrates them (lib/privacy/erasure/customer-data-registry.ts).
 */
export interface CustomerErasureContext {
  /** The privacy request carrying out this erasure: it is anonymized by its own final save, not by its table's step. */
  requestId?: string;
  /** What anonymized rows refer to instead of the customer id: unlinkable without privacy's key. */
  reference: string;
}

export interface CustomerErasure {
  /** Items deleted or changed. */
  items: number;
  /** What the receipt says was done, when more specific than the table's erasure rule. */
  detail?: string;
}

export interface CustomerDataHandler {
  /** Carries out the table's erasure rule for the customer; idempotent, so an interrupted erasure can run again. */
  erase(customerId: string, context: CustomerErasureContext): Promise<CustomerErasure>;
  /** The customer's rows as the access export shows them; absent when the table is not part of the export. */
  export?(customerId: string): Promise<Item[]>;
}

type Table = (typeof TABLES)[number];

/** Tables whose erasure rule touches customer data (delete or anonymize): each needs a handler. */
export type CustomerDataTable = Exclude<Table, { erasure: { action: 'none' } }>['name'];

/**
 * One owner's handlers: only tables that name this owner and hold customer data, so a handler placed in the wrong
 * domain fails the type check (`satisfies OwnerCustomerData<'orders'>`).
 */
export type OwnerCustomerData<O extends Owner> = {
  [T in Extract<Table, { owner: O }>['name'] & CustomerDataTable]: CustomerDataHandler;
};

/** Every table: its handler when its rule touches customer data, null when its rule is `none`. */
export type CustomerDataRegistry = {
  [T in TableName]: T extends CustomerDataTable ? CustomerDataHandler : null;
};
