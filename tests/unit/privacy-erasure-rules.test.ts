import { describe, expect, it } from 'vitest';
import type { CustomerDataHandler } from '@/lib/db/customer-data';
import { TABLES, type TableDefinition } from '@/lib/db/tables';
import { CUSTOMER_DATA, CUSTOMER_DATA_BY_OWNER } from '@/lib/privacy/erasure/customer-data-registry';

const tables: readonly TableDefinition[] = TABLES;
const byOwner: Partial<Record<string, Record<string, CustomerDataHandler>>> = CUSTOMER_DATA_BY_OWNER;

describe('erasure rules', () => {
  it('every table of the registry says what erasing a customer does to it', () => {
    for (const table of TABLES) {
      const rule = table.erasure;
      expect(['delete', 'anonymize', 'none'], table.name).toContain(rule.action);
      const text = rule.action === 'none' ? rule.why : rule.how;
      expect(text.length, `${table.name}: explain the rule`).toBeGreaterThan(10);
    }
  });

  it('every table that holds customer data has a handler that carries the rule out, and no other has one', () => {
    expect(Object.keys(CUSTOMER_DATA).sort()).toEqual(TABLES.map((t) => t.name).sort());
    for (const table of TABLES) {
      const handler = CUSTOMER_DATA[table.name];
      if (table.erasure.action === 'none') expect(handler, table.name).toBeNull();
      else expect(handler?.erase, table.name).toBeTypeOf('function');
    }
  });

  it("every handler is the table's owner's: the registry takes it from the owner's map", () => {
    for (const table of tables) {
      const handler = (CUSTOMER_DATA as Record<string, CustomerDataHandler | null>)[table.name];
      if (handler)
        expect(handler, `${table.name} (owner ${table.owner})`).toBe(byOwner[table.owner]?.[table.name]);
    }
  });

  it("each owner's map holds only tables that name that owner", () => {
    for (const [owner, handlers] of Object.entries(byOwner)) {
      for (const name of Object.keys(handlers ?? {})) {
        const table = tables.find((t) => t.name === name);
        expect(table?.owner, `${owner} handles ${name}`).toBe(owner);
      }
    }
  });
});

describe('retention classes', () => {
  it('are documented in docs/privacy.md with their defaults', async () => {
    const { readFileSync } = await import('node:fs');
    const { RETENTION_CLASSES } = await import('@/lib/privacy/retention/retention-classes');
    const doc = readFileSync(new URL('../../docs/privacy.md', import.meta.url), 'utf8');
    for (const c of RETENTION_CLASSES) {
      const row = doc.split('\n').find((line) => line.startsWith(`| ${c.label} `));
      expect(row, c.label).toBeDefined();
      expect(row, c.label).toContain(`${c.defaultDays} days`);
      expect(row, c.label).toContain(`${c.minDays}–${c.maxDays}`);
      expect(c.defaultDays).toBeGreaterThanOrEqual(c.minDays);
      expect(c.defaultDays).toBeLessThanOrEqual(c.maxDays);
    }
  });
});
