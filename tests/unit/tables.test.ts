import { describe, expect, it } from 'vitest';
import { type AttributeType, OWNERS, type TableDefinition, TABLES, tableDefinition } from '@/lib/db/tables';

const EXPECTED_TABLES = [
  'users',
  'api_keys',
  'customers',
  'products',
  'orders',
  'outbox',
  'customer_insights',
  'purchase_patterns',
  'analysis_runs',
  'consent',
  'experiments',
  'experiment_assignments',
  'experiment_observations',
  'stream_leases',
  'stream_aggregates',
  'business_weeks',
  'consent_aggregates',
  'alerts',
  'processed_events',
  'dead_letters',
  'privacy_requests',
  'audit_log',
  'imports',
];

// DynamoDB allows 3–255 characters of [A-Za-z0-9_.-] for table and index names; dynalite enforces the minimum.
const DYNAMO_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

const tables: readonly TableDefinition[] = TABLES;

describe('table registry', () => {
  it('holds exactly the twenty-three logical tables', () => {
    const names = tables.map((t) => t.name);
    expect(names).toHaveLength(23);
    expect(new Set(names).size).toBe(23);
    expect([...names].sort()).toEqual([...EXPECTED_TABLES].sort());
  });

  it('finds each table by name', () => {
    for (const table of TABLES) expect(tableDefinition(table.name)).toBe(table);
  });

  it.each(tables.map((t) => [t.name, t] as const))('%s names its owning domain', (_name, table) => {
    // (the owner is the one domain that may call lib/db with the table's name, and erases and exports its rows)
    expect(OWNERS).toContain(table.owner);
  });

  it.each(tables.map((t) => [t.name, t] as const))(
    '%s has names DynamoDB and dynalite accept',
    (_name, table) => {
      expect(table.name).toMatch(DYNAMO_NAME);
      expect(`cp_${table.name}`).toMatch(DYNAMO_NAME);
      for (const index of table.indexes) expect(index.name).toMatch(DYNAMO_NAME);
    },
  );

  it.each(tables.map((t) => [t.name, t] as const))('%s has unique index names', (_name, table) => {
    const names = table.indexes.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(tables.map((t) => [t.name, t] as const))('%s gives each key attribute one type', (_name, table) => {
    const keys = [table.hash, table.range, ...table.indexes.flatMap((i) => [i.hash, i.range])];
    const types = new Map<string, Set<AttributeType>>();
    for (const key of keys) {
      if (!key) continue;
      const seen = types.get(key.name) ?? new Set<AttributeType>();
      seen.add(key.type);
      types.set(key.name, seen);
    }
    const conflicting = [...types].filter(([, seen]) => seen.size > 1).map(([name]) => name);
    expect(conflicting).toEqual([]);
  });
});
