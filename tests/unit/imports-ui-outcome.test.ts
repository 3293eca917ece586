import { describe, expect, it } from 'vitest';
import { analysisRunText, finishingFacts, jobHeading, reasonRows } from '@/components/imports/import-outcome';
import type { ImportAnalysisRun, ImportView } from '@/lib/client/use-imports';

type Summary = NonNullable<ImportView['summary']>;

const summary = (over: Partial<Summary> = {}): Summary => ({
  lines: 100,
  linesImported: 90,
  linesRejected: 10,
  rejectedByReason: {
    'quantity is N: nothing was sold or returned': 3,
    'ordered_at "…" is not a real date: February N has N days': 7,
  },
  firstRejectedLine: {
    'quantity is N: nothing was sold or returned': 548,
    'ordered_at "…" is not a real date: February N has N days': 504,
  },
  orders: 40,
  ordersUnchanged: 0,
  ordersWithReturns: 2,
  freeReturnLines: 0,
  customers: 30,
  customersNew: 30,
  products: 5,
  productsNew: 5,
  consentEntries: 30,
  salesByCurrency: { USD: 1000 },
  refundsByCurrency: {},
  netByCurrency: { USD: 1000 },
  seconds: 3,
  ...over,
});

const view = (over: Partial<ImportView> = {}): ImportView => ({
  importId: 'imp_20261207T164044_035166',
  dryRun: false,
  status: 'completed',
  interrupted: false,
  fileName: 'trial4-orders.csv',
  sizeBytes: 3_600_000,
  format: 'canonical',
  mapping: {},
  ignoredColumns: [],
  requestedBy: 'admin@example.com',
  startedAt: '2026-12-07T16:40:44Z',
  progress: {
    phase: 'done',
    percent: 100,
    linesRead: 100,
    bytesRead: 3_600_000,
    sizeBytes: 3_600_000,
    linesRejected: 10,
    ordersStored: 40,
    bucketsDone: 2,
    buckets: 2,
  },
  summary: summary(),
  ...over,
});

describe('why lines were rejected', () => {
  it('shows under each kind the concrete reason of its first line, most frequent kind first', () => {
    const rows = reasonRows(summary(), [
      {
        kind: 'ordered_at "…" is not a real date: February N has N days',
        lineNumber: 504,
        column: 'ordered_at',
        reason: 'ordered_at "2025-02-30T10:00:00" is not a real date: February 2025 has 28 days',
      },
      {
        kind: 'quantity is N: nothing was sold or returned',
        lineNumber: 548,
        reason: 'quantity is 0: nothing was sold or returned',
      },
    ]);
    expect(rows.map((r) => [r.count, r.example])).toEqual([
      [7, 'e.g. line 504: ordered_at "2025-02-30T10:00:00" is not a real date: February 2025 has 28 days'],
      [3, 'e.g. line 548: quantity is 0: nothing was sold or returned'],
    ]);
  });

  it('without the examples (another reader, an older answer) it still names the first line', () => {
    const rows = reasonRows(summary());
    expect(rows.map((r) => [r.kind.slice(0, 8), r.firstLine, r.example])).toEqual([
      ['ordered_', 504, undefined],
      ['quantity', 548, undefined],
    ]);
  });
});

describe('what finishing an import did', () => {
  it('says segments scored 0 of N because nobody allows personalization, and where consent comes from', () => {
    const facts = finishingFacts(view({ finishing: { weeks: 103, scored: 0, changed: 0, refused: 2232 } }));
    expect(facts.map((f) => [f.label, f.text])).toEqual([
      ['Overview', '103 weeks rebuilt from the orders'],
      ['Segments', '0 of 2,232 customers scored, 0 changed'],
    ]);
    const warning = facts[1]?.warning ?? '';
    expect(warning).toContain('None of the 2,232 customers allows personalization');
    expect(warning).toContain('CONSENT_DEFAULT_GRANTED');
    expect(warning).toContain('docs/configuration.md');
    expect(warning).toContain('consent columns');
  });

  it('counts those left out when some are scored, with no warning', () => {
    const [, segments] = finishingFacts(
      view({ finishing: { weeks: 1, scored: 90, changed: 12, refused: 10 } }),
    );
    expect(segments).toEqual({
      label: 'Segments',
      text: '90 of 100 customers scored, 12 changed · 10 customers not scored: they do not allow personalization',
    });
  });

  it('says nothing for a dry run or an import that has not finished', () => {
    expect(
      finishingFacts(view({ dryRun: true, finishing: { weeks: 1, scored: 1, changed: 0, refused: 0 } })),
    ).toEqual([]);
    expect(finishingFacts(view({ status: 'running' }))).toEqual([]);
  });
});

describe('the analysis run an import queued', () => {
  const run = (over: Partial<ImportAnalysisRun>): ImportAnalysisRun => ({
    runId: 'run_imp_1',
    status: 'running',
    phase: 'fitting',
    done: 0,
    total: 0,
    refused: 0,
    withoutOrders: 0,
    claims: 0,
    ...over,
  });

  it('tells queued, running, completed and failed apart', () => {
    expect(analysisRunText(run({}), 'run_imp_1')).toMatch(/^queued: the worker starts it/);
    expect(analysisRunText(run({ claims: 1, phase: 'analysing', done: 120, total: 2232 }), 'run_imp_1')).toBe(
      'running: 120 of 2,232 customers analysed',
    );
    expect(
      analysisRunText(run({ status: 'completed', phase: 'done', done: 2232, refused: 4 }), 'run_imp_1'),
    ).toBe('completed: 2,232 customers analysed · 4 customers without personalization consent skipped');
    expect(
      analysisRunText(
        run({
          status: 'failed',
          error: '0 customers with orders allow personalization (2,232 customers do not)',
        }),
        'run_imp_1',
      ),
    ).toBe('failed: 0 customers with orders allow personalization (2,232 customers do not)');
  });
});

describe('the steps of the Imports page', () => {
  it('numbers the report after "3. Dry run, then import", the same for a dry run and an import', () => {
    expect(jobHeading(view({ dryRun: true }), true)).toBe('4. Dry run report: trial4-orders.csv');
    expect(jobHeading(view({ status: 'running' }), true)).toBe('4. Importing: trial4-orders.csv');
    expect(jobHeading(view(), true)).toBe('4. Import: trial4-orders.csv');
    // Opened from the history, with no steps above it.
    expect(jobHeading(view(), false)).toBe('Import: trial4-orders.csv');
  });
});
