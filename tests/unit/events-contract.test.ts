import { describe, expect, it } from 'vitest';
import {
  buildContractSnapshot,
  compareContract,
  type ContractSnapshot,
  UPDATE_COMMAND,
} from '@/lib/events/contract';
import { readPublishedSnapshot } from '@/lib/events/generate-docs';
import { EVENT_TYPES } from '@/lib/events/schemas';

/** The snapshot as if `page_view` had been published without `title`: the code now has a field it did not. */
function publishedWithoutPageViewTitle(): ContractSnapshot {
  const published = structuredClone(buildContractSnapshot());
  const pageView = published.types.page_view!.properties as { properties: Record<string, unknown> };
  delete pageView.properties.title;
  return published;
}

describe('event contract snapshot', () => {
  it('matches the schemas: no type changed without a schemaVersion bump, none missing', () => {
    const problems = compareContract(buildContractSnapshot(), readPublishedSnapshot());
    expect(problems.map((p) => p.message)).toEqual([]);
  });

  it('holds every event type', () => {
    expect(Object.keys(readPublishedSnapshot().types).sort()).toEqual([...EVENT_TYPES].sort());
  });
});

describe('compareContract', () => {
  it('reports a changed schema under the same version as breaking, naming the type and the fix', () => {
    const problems = compareContract(buildContractSnapshot(), publishedWithoutPageViewTitle());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ type: 'page_view', kind: 'breaking' });
    expect(problems[0]!.message).toContain('The properties of page_view changed');
    expect(problems[0]!.message).toContain("Bump page_view's schemaVersion to 2");
    expect(problems[0]!.message).toContain(UPDATE_COMMAND);
  });

  it('accepts the change once the version is bumped, asking only for the snapshot update', () => {
    const current = buildContractSnapshot();
    current.types.page_view!.schemaVersion = 2;
    const problems = compareContract(current, publishedWithoutPageViewTitle());
    expect(problems).toEqual([
      { type: 'page_view', kind: 'stale', message: expect.stringContaining(UPDATE_COMMAND) },
    ]);
  });

  it('reports a type missing from the snapshot, a removed type and a version going back', () => {
    const current = buildContractSnapshot();
    const published = structuredClone(current);
    delete published.types.customer_erased;
    published.types.legacy_event = { schemaVersion: 1, properties: { type: 'object' } };
    published.types.search!.schemaVersion = 3;
    const problems = compareContract(current, published);
    expect(problems.map((p) => [p.type, p.kind])).toEqual([
      ['search', 'breaking'],
      ['customer_erased', 'stale'],
      ['legacy_event', 'breaking'],
    ]);
    expect(problems[1]!.message).toContain(
      'customer_erased is missing from lib/events/contract-snapshot.json',
    );
  });

  it('does not count a reworded description as a contract change', () => {
    const published = structuredClone(buildContractSnapshot());
    const search = published.types.search!.properties as { properties: { query: Record<string, unknown> } };
    search.properties.query.description = 'an older wording';
    expect(compareContract(buildContractSnapshot(), published)).toEqual([]);
  });
});
