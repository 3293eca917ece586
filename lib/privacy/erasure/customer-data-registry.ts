import { ANALYSIS_CUSTOMER_DATA } from '../../analysis/customer-data';
import { CUSTOMERS_CUSTOMER_DATA } from '../../customers/customer-data';
import type { CustomerDataRegistry } from '../../db/customer-data';
import type { Owner } from '../../db/tables';
import { EXPERIMENTS_CUSTOMER_DATA } from '../../experiments/customer-data';
import { KINESIS_CUSTOMER_DATA } from '../../kinesis/customer-data';
import { LIVE_CUSTOMER_DATA } from '../../live/customer-data';
import { ORDERS_CUSTOMER_DATA } from '../../orders/customer-data';
import { OVERVIEW_CUSTOMER_DATA } from '../../overview/customer-data';
import { PRIVACY_CUSTOMER_DATA } from '../customer-data';

/** Each owner's handlers, as it exports them (owners whose tables hold no customer data have none). */
export const CUSTOMER_DATA_BY_OWNER = {
  customers: CUSTOMERS_CUSTOMER_DATA,
  orders: ORDERS_CUSTOMER_DATA,
  analysis: ANALYSIS_CUSTOMER_DATA,
  privacy: PRIVACY_CUSTOMER_DATA,
  experiments: EXPERIMENTS_CUSTOMER_DATA,
  kinesis: KINESIS_CUSTOMER_DATA,
  live: LIVE_CUSTOMER_DATA,
  overview: OVERVIEW_CUSTOMER_DATA,
} as const satisfies Partial<Record<Owner, object>>;

/**
 * Who erases and exports a customer's rows, table by table: the owner's handler carrying out the registry's rule
 * (`erasure` in lib/db/tables.ts), null where the rule is `none`. Typed over every table name, so a table added to
 * the registry without deciding its handler fails the type check; tests/unit/privacy-erasure-rules.test.ts checks
 * each handler comes from the table's owner. Listed in the order the access export presents the tables.
 */
export const CUSTOMER_DATA: CustomerDataRegistry = {
  customers: CUSTOMERS_CUSTOMER_DATA.customers,
  orders: ORDERS_CUSTOMER_DATA.orders,
  consent: PRIVACY_CUSTOMER_DATA.consent,
  customer_insights: ANALYSIS_CUSTOMER_DATA.customer_insights,
  purchase_patterns: ANALYSIS_CUSTOMER_DATA.purchase_patterns,
  experiment_assignments: EXPERIMENTS_CUSTOMER_DATA.experiment_assignments,
  experiment_observations: EXPERIMENTS_CUSTOMER_DATA.experiment_observations,
  stream_aggregates: LIVE_CUSTOMER_DATA.stream_aggregates,
  alerts: LIVE_CUSTOMER_DATA.alerts,
  business_weeks: OVERVIEW_CUSTOMER_DATA.business_weeks,
  privacy_requests: PRIVACY_CUSTOMER_DATA.privacy_requests,
  audit_log: PRIVACY_CUSTOMER_DATA.audit_log,
  // Erased, not exported.
  outbox: ORDERS_CUSTOMER_DATA.outbox,
  dead_letters: KINESIS_CUSTOMER_DATA.dead_letters,
  // Rule `none`: nothing about a customer.
  users: null,
  api_keys: null,
  products: null,
  analysis_runs: null,
  experiments: null,
  stream_leases: null,
  processed_events: null,
  consent_aggregates: null,
  imports: null,
};
