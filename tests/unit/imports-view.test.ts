import { describe, expect, it } from 'vitest';
import type { ImportJob } from '@/lib/imports/import-job';
import { csvField, formulaSafe } from '@/lib/imports/import-rejects';
import type { ImportRecord } from '@/lib/imports/import-record';
import { importView, STALE_MS } from '@/lib/imports/import-view';
import { progressText } from '@/components/imports/import-format';

const T0 = Date.parse('2026-12-07T10:00:00Z');

function job(overrides: Partial<ImportJob> = {}, progress: Partial<ImportJob['progress']> = {}): ImportJob {
  return {
    importId: 'imp_20261207T100000_abcdef',
    dryRun: false,
    fileName: 'orders.csv',
    sizeBytes: 1_000_000,
    format: 'auto',
    map: {},
    requestedBy: 'admin@example.com',
    status: 'running',
    startedAt: new Date(T0).toISOString(),
    heartbeatAt: new Date(T0 + 10_000).toISOString(),
    progress: {
      phase: 'reading',
      bytesRead: 500_000,
      linesRead: 5_000,
      linesRejected: 12,
      ordersStored: 0,
      bucketsDone: 0,
      buckets: 1,
      phaseStartedAt: new Date(T0).toISOString(),
      linesPerSecond: 500,
      ...progress,
    },
    rejectsFile: '/tmp/rejects.csv',
    ...overrides,
  };
}

describe('an import as the API shows it', () => {
  it('while reading: half the file read is a quarter of the import, with a time left', () => {
    const view = importView({ job: job() }, { now: T0 + 10_000, live: true });
    expect(view.status).toBe('running');
    expect(view.progress.percent).toBe(25);
    expect(view.progress.linesPerSecond).toBe(500);
    expect(view.progress.etaSeconds).toBe(30);
  });

  it('a running job no process runs, silent for over a minute, is shown interrupted', () => {
    const stale = importView({ job: job() }, { now: T0 + 10_000 + STALE_MS + 1, live: false });
    expect(stale.status).toBe('failed');
    expect(stale.interrupted).toBe(true);
    expect(stale.error).toMatch(/run the same file again/);
    // Still running in this process (a long step without a report): not interrupted.
    const live = importView({ job: job() }, { now: T0 + 10_000 + STALE_MS + 1, live: true });
    expect(live.status).toBe('running');
  });

  it('when done: 100 %, no time left, the rejects to download', () => {
    const done = importView(
      {
        job: job(
          {
            status: 'completed',
            finishedAt: new Date(T0 + 42_000).toISOString(),
            summary: {
              lines: 10,
              linesImported: 8,
              linesRejected: 2,
              rejectedByReason: { x: 2 },
              firstRejectedLine: { x: 5 },
              orders: 3,
              ordersUnchanged: 0,
              ordersWithReturns: 0,
              freeReturnLines: 0,
              customers: 2,
              customersNew: 2,
              products: 1,
              productsNew: 1,
              consentEntries: 2,
              salesByCurrency: { EUR: 100 },
              refundsByCurrency: {},
              netByCurrency: { EUR: 100 },
              seconds: 42,
            },
          },
          { phase: 'done' },
        ),
      },
      { now: T0 + 50_000, live: false },
    );
    expect(done.status).toBe('completed');
    expect(done.progress.percent).toBe(100);
    expect(done.progress.etaSeconds).toBeUndefined();
    expect(done.seconds).toBe(42);
    expect(done.rejectsUrl).toBe('/api/v1/imports/imp_20261207T100000_abcdef/rejects');
  });
});

function record(overrides: Partial<ImportRecord> = {}): ImportRecord {
  return {
    importId: 'imp_20261207T100000_abcdef',
    kind: 'import',
    fileName: 'orders.csv',
    sizeBytes: 1_000_000,
    sha256: 'a'.repeat(64),
    format: 'canonical',
    mapping: {},
    status: 'running',
    phase: 'orders',
    startedAt: new Date(T0).toISOString(),
    heartbeatAt: new Date(T0 + 12_000).toISOString(),
    requestedBy: 'admin@example.com',
    progress: { linesRead: 10_000, bytesRead: 1_000_000, ordersStored: 0 },
    rejectsFile: '/tmp/rejects.csv',
    ...overrides,
  };
}

describe('one import, the same progress everywhere', () => {
  it('the history row of a running import says what its panel says: phase, part and percent', () => {
    const live = job({}, { phase: 'orders', bytesRead: 1_000_000, bucketsDone: 0, buckets: 2 });
    const panel = importView({ job: live }, { now: T0 + 12_000, live: true });
    const row = importView({ job: live, record: record() }, { now: T0 + 12_000, live: true });
    expect(progressText(panel)).toBe('Storing orders: part 1 of 2 · 50 %');
    expect(progressText(row)).toBe(progressText(panel));
  });

  it('a job file saved before the row moved on does not pull the row back to 0 %', () => {
    // The job's file still says reading, nothing read; the history row (written every 2 s) is storing orders.
    const stale = job({}, { phase: 'reading', bytesRead: 0, linesRead: 0, buckets: 2 });
    const view = importView({ job: stale, record: record() }, { now: T0 + 12_000, live: false });
    expect(view.progress.phase).toBe('orders');
    expect(view.progress.percent).toBe(50);
    expect(view.progress.linesRead).toBe(10_000);
  });

  it('a finished import carries what finishing did and the analysis run it queued', () => {
    const finishing = { weeks: 103, scored: 0, changed: 0, refused: 2_232 };
    const view = importView(
      {
        record: record({
          status: 'completed',
          phase: 'done',
          finishedAt: new Date(T0 + 25_000).toISOString(),
          finishing,
          analysisRunId: 'run_imp_20261207T100000_abcdef',
        }),
      },
      { now: T0 + 30_000, live: false },
    );
    expect(view.finishing).toEqual(finishing);
    expect(view.analysisRunId).toBe('run_imp_20261207T100000_abcdef');
    expect(progressText(view)).toBe('completed · 100 %');
  });
});

describe('formula-safe CSV cells', () => {
  it.each(['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx'])('%j gets a leading quote', (cell) => {
    expect(formulaSafe(cell)).toBe(`'${cell}`);
  });
  it('leaves ordinary cells alone and quotes what CSV needs', () => {
    expect(formulaSafe('order_id')).toBe('order_id');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField('=1,2')).toBe('"\'=1,2"');
  });
});
