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
