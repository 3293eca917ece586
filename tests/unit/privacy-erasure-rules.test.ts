import { describe, expect, it } from 'vitest';
import { TABLES } from '@/lib/db/tables';
import { ERASURE_STEPS } from '@/lib/privacy/erasure/erase-customer';

describe('erasure rules', () => {
  it('every table of the registry says what erasing a customer does to it', () => {
    for (const table of TABLES) {
      const rule = table.erasure;
      expect(['delete', 'anonymize', 'none'], table.name).toContain(rule.action);
      const text = rule.action === 'none' ? rule.why : rule.how;
      expect(text.length, `${table.name}: explain the rule`).toBeGreaterThan(10);
    }
  });

  it('every table that holds customer data has a step that carries the rule out, and no other has one', () => {
    expect(Object.keys(ERASURE_STEPS).sort()).toEqual(TABLES.map((t) => t.name).sort());
    for (const table of TABLES) {
      const step = ERASURE_STEPS[table.name];
      if (table.erasure.action === 'none') expect(step, table.name).toBeNull();
      else expect(step, table.name).toBeTypeOf('function');
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
