/**
 * The one registry of tables (docs/architecture.md "Tables and their owners"). Physical name = TABLE_PREFIX + name.
 * ensureTables() creates them; each entry names its owner and its erasure rule.
 */
export type AttributeType = 'S' | 'N';

export interface KeyAttribute {
  name: string;
  type: AttributeType;
}

export interface IndexDefinition {
  name: string;
  hash: KeyAttribute;
  range?: KeyAttribute;
}

/**
 * The domain (folder under lib/) that owns a table: only its files call lib/db with the table's name, and it exports
 * the erasure and export of a customer's rows (docs/architecture.md "Tables and their owners").
 */
export const OWNERS = [
  'auth',
  'customers',
  'products',
  'orders',
  'analysis',
  'privacy',
  'experiments',
  'kinesis',
  'live',
  'overview',
  'imports',
] as const;
export type Owner = (typeof OWNERS)[number];

export interface TableDefinition {
  name: string;
  owner: Owner;
  group: 'operational' | 'ai' | 'experiments' | 'streaming' | 'privacy';
  purpose: string;
  hash: KeyAttribute;
  range?: KeyAttribute;
  indexes: IndexDefinition[];
  /** Epoch-seconds attribute real DynamoDB expires items by; the embedded store relies on the retention sweep. */
  ttlAttribute?: string;
  /**
   * What erasing a customer does to this table (lib/privacy/erasure carries it out). Required: a table added
   * without deciding this fails the type check and the registry test.
   */
  erasure: ErasureRule;
  /**
   * Rows that lived in another table before this one took over their concern (same key schema), by the hash key's
   * prefix; moved here once by `moveLegacyRows()` at start-up.
   */
  movedFrom?: { table: string; hashPrefixes: readonly string[] };
}

export type ErasureRule =
  { action: 'delete'; how: string } | { action: 'anonymize'; how: string } | { action: 'none'; why: string };

const s = (name: string): KeyAttribute => ({ name, type: 'S' });

export const TABLES = [
  {
    name: 'users',
    owner: 'auth',
    group: 'operational',
    purpose: 'dashboard users and their scrypt hashes',
    hash: s('email'),
    indexes: [],
    erasure: { action: 'none', why: 'dashboard staff, not customers' },
  },
  {
    name: 'api_keys',
    owner: 'auth',
    group: 'operational',
    purpose: 'storefront API keys (SHA-256 hashes), scopes, revocation, last use',
    hash: s('keyId'),
    indexes: [{ name: 'by_hash', hash: s('keyHash') }],
    erasure: { action: 'none', why: 'storefront credentials, no customer data' },
  },
  {
    name: 'customers',
    owner: 'customers',
    group: 'operational',
    purpose: 'customer profiles and their current segment',
    hash: s('customerId'),
    indexes: [
      { name: 'by_email', hash: s('email') },
      { name: 'by_segment', hash: s('segment'), range: s('customerId') },
    ],
    erasure: { action: 'delete', how: 'the profile (name, e-mail, address, summary, segment) is deleted' },
  },
  {
    name: 'products',
    owner: 'products',
    group: 'operational',
    purpose: 'the catalogue',
    hash: s('productId'),
    indexes: [{ name: 'by_category', hash: s('categoryId'), range: s('productId') }],
    erasure: { action: 'none', why: 'the catalogue' },
  },
  {
    name: 'orders',
    owner: 'orders',
    group: 'operational',
    purpose: 'orders with their items, money in integer minor units',
    hash: s('orderId'),
    indexes: [{ name: 'by_customer', hash: s('customerId'), range: s('placedAt') }],
    erasure: {
      action: 'anonymize',
      how: 'kept for accounting; the customer id is replaced by an unlinkable reference and the request fingerprint removed',
    },
  },
  {
    name: 'outbox',
    owner: 'orders',
    group: 'operational',
    purpose: 'events stored with their cause and not yet published (deleted once published)',
    hash: s('eventId'),
    indexes: [],
    erasure: {
      action: 'delete',
      how: "rows of the customer's orders are deleted (their events are not published)",
    },
  },
  {
    name: 'customer_insights',
    owner: 'analysis',
    group: 'ai',
    purpose: 'latest and past insights per customer',
    hash: s('customerId'),
    range: s('version'),
    indexes: [],
    erasure: { action: 'delete', how: 'every insight version is deleted' },
  },
  {
    name: 'purchase_patterns',
    owner: 'analysis',
    group: 'ai',
    purpose: 'replenishment cycles per customer and category',
    hash: s('customerId'),
    range: s('categoryId'),
    indexes: [],
    erasure: { action: 'delete', how: 'every category pattern is deleted' },
  },
  {
    name: 'analysis_runs',
    owner: 'analysis',
    group: 'ai',
    purpose: 'batch, refresh and backtest runs with their progress',
    hash: s('runId'),
    indexes: [{ name: 'by_kind', hash: s('kind'), range: s('startedAt') }],
    erasure: {
      action: 'none',
      why: 'runs hold aggregates and parameters; per-customer results live in customer_insights',
    },
  },
  {
    name: 'consent',
    owner: 'privacy',
    group: 'ai',
    purpose: 'append-only, hash-chained consent ledger per customer',
    hash: s('customerId'),
    range: s('seq'),
    // Sparse: only entries whose consent_updated event is not yet confirmed published (the sweeper's work list).
    indexes: [{ name: 'by_pending', hash: s('pendingPublish'), range: s('at') }],
    erasure: { action: 'delete', how: 'the ledger is deleted; the erasure itself is in the audit log' },
  },
  {
    name: 'experiments',
    owner: 'experiments',
    group: 'experiments',
    purpose: 'experiment definitions, lifecycle, ramp and history (experimentId = the experiment key)',
    hash: s('experimentId'),
    indexes: [{ name: 'by_status', hash: s('status'), range: s('createdAt') }],
    erasure: { action: 'none', why: 'experiment definitions' },
  },
  {
    name: 'experiment_assignments',
    owner: 'experiments',
    group: 'experiments',
    purpose: 'sticky variant per experiment and customer',
    hash: s('experimentId'),
    range: s('customerId'),
    indexes: [{ name: 'by_customer', hash: s('customerId'), range: s('experimentId') }],
    erasure: { action: 'delete', how: "the customer's assignments are deleted" },
  },
  {
    name: 'experiment_observations',
    owner: 'experiments',
    group: 'experiments',
    purpose:
      'running sums per variant, metric and day (sum#…), assignment counters (count#…), one idempotency marker per observation (seen#…), and outcomes still open (out#<pseudonym>…, due#<closes at>…)',
    hash: s('experimentId'),
    range: s('cell'),
    indexes: [],
    erasure: {
      action: 'anonymize',
      how: 'sums hold no one and markers only a hash of the observation id; they are kept for the statistics, and a customer id on any row is removed',
    },
  },
  {
    name: 'stream_leases',
    owner: 'kinesis',
    group: 'streaming',
    purpose: 'shard leases, checkpoints and worker heartbeats',
    hash: s('leaseKey'),
    indexes: [],
    erasure: { action: 'none', why: 'shard leases, checkpoints and worker heartbeats' },
  },
  {
    name: 'stream_aggregates',
    owner: 'live',
    group: 'streaming',
    purpose:
      "the live view: events per minute, shoppers' sessions and visit history, active-shopper windows, detection markers and alert webhook deliveries",
    hash: s('metric'),
    range: s('bucket'),
    indexes: [],
    ttlAttribute: 'expiresAt',
    erasure: {
      action: 'delete',
      how: 'rows keyed by or naming the customer (activity, markers, webhook deliveries) are deleted; counters stay (they hold no one)',
    },
  },
  {
    name: 'business_weeks',
    owner: 'overview',
    group: 'streaming',
    purpose:
      "the Overview: revenue, orders, active and new customers per week, running totals, the counted-once markers behind them, and the store's currency and time zone",
    hash: s('metric'),
    range: s('bucket'),
    indexes: [],
    ttlAttribute: 'expiresAt',
    erasure: {
      action: 'delete',
      how: "markers keyed by the customer (active in a week, first order) are deleted; the week's counts stay (they hold no one)",
    },
    movedFrom: { table: 'stream_aggregates', hashPrefixes: ['business:'] },
  },
  {
    name: 'consent_aggregates',
    owner: 'privacy',
    group: 'privacy',
    purpose:
      'consent change marks (keyed references, kept an hour) that let every process drop a cached answer, and enforcement counts per purpose',
    hash: s('metric'),
    range: s('bucket'),
    indexes: [],
    ttlAttribute: 'expiresAt',
    erasure: {
      action: 'none',
      why: 'change marks hold keyed references, never ids, and expire within an hour; counts hold no one',
    },
    movedFrom: { table: 'stream_aggregates', hashPrefixes: ['consent:'] },
  },
  {
    name: 'alerts',
    owner: 'live',
    group: 'streaming',
    purpose: 'anomaly and churn alerts with their workflow',
    hash: s('alertId'),
    indexes: [
      { name: 'by_status', hash: s('status'), range: s('createdAt') },
      { name: 'by_customer', hash: s('customerId'), range: s('createdAt') },
    ],
    erasure: { action: 'delete', how: 'alerts about the customer are deleted' },
  },
  {
    name: 'processed_events',
    owner: 'kinesis',
    group: 'streaming',
    purpose: 'idempotency marks: eventId + handler',
    hash: s('eventId'),
    range: s('handler'),
    indexes: [],
    ttlAttribute: 'expiresAt',
    erasure: { action: 'none', why: 'event ids and handler names only' },
  },
  {
    name: 'dead_letters',
    owner: 'kinesis',
    group: 'streaming',
    purpose: 'records a handler failed on N times, for replay',
    hash: s('deadLetterId'),
    indexes: [{ name: 'by_handler', hash: s('handler'), range: s('failedAt') }],
    erasure: { action: 'delete', how: 'letters whose event is about the customer are deleted' },
  },
  {
    name: 'privacy_requests',
    owner: 'privacy',
    group: 'privacy',
    purpose: 'access and erasure requests and their workflow',
    hash: s('requestId'),
    indexes: [
      { name: 'by_customer', hash: s('customerId'), range: s('receivedAt') },
      { name: 'by_status', hash: s('status'), range: s('dueAt') },
    ],
    erasure: {
      action: 'anonymize',
      how: 'the requests are kept as evidence; their customer id is replaced by an unlinkable reference; a tombstone (keyed hash, no id) stops late events',
    },
  },
  {
    name: 'audit_log',
    owner: 'privacy',
    group: 'privacy',
    purpose: 'who did what, when, to whom',
    hash: s('day'),
    range: s('entryId'),
    indexes: [{ name: 'by_subject_time', hash: s('subjectId'), range: s('at') }],
    erasure: {
      action: 'anonymize',
      how: 'entries are kept (hash-chained); the plain subject id is removed, the keyed subject reference stays',
    },
  },
  {
    name: 'imports',
    owner: 'imports',
    group: 'operational',
    purpose:
      'one row per order-file import: file name, size, SHA-256, format and mapping, status, progress, counts, summary, rejects file',
    hash: s('importId'),
    // Every row has kind 'import': the dashboard lists them newest first without a scan.
    indexes: [{ name: 'by_started', hash: s('kind'), range: s('startedAt') }],
    erasure: {
      action: 'none',
      why: 'counts, file names and paths only; the orders and customers an import wrote are erased through their owners',
    },
  },
] as const satisfies readonly TableDefinition[];

export type TableName = (typeof TABLES)[number]['name'];

export function tableDefinition(name: TableName): TableDefinition {
  const found = TABLES.find((t) => t.name === name);
  if (!found) throw new Error(`Unknown table ${name}`);
  return found;
}

/** The key attributes of an item of `name` (hash, and range when the table has one), from the registry. */
export function keyOf(name: TableName, item: Record<string, unknown>): Record<string, unknown> {
  const definition = tableDefinition(name);
  return {
    [definition.hash.name]: item[definition.hash.name],
    ...(definition.range ? { [definition.range.name]: item[definition.range.name] } : {}),
  };
}
