import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getImportRoute } from '@/app/api/v1/imports/[importId]/route';
import { GET as listRoute, POST as startRoute } from '@/app/api/v1/imports/route';
import { settleAfterResponse } from '@/lib/http/after-response';
import type { ImportAnalysisRun, RejectsPage } from '@/lib/imports/get-import-status';
import { createImport, getImport, updateImport } from '@/lib/imports/import-history';
import { registry, saveJob, type ImportJob } from '@/lib/imports/import-job';
import type { ImportView } from '@/lib/imports/import-view';
import { readRejectExamples } from '@/lib/imports/reject-examples';
import { params, request, sessionCookie } from './support/http';
import { startTestStack, type TestStack } from './support/test-stack';

/**
 * What the Imports page reads of an import beyond its counts: each kind of rejection with its first line's whole
 * reason (from the rejects file, for admins only, never stored), what finishing did, the analysis run it queued, and
 * the same progress in the history as in the import's own panel.
 */

const HEADER = 'order_id,customer_id,ordered_at,sku,product_name,category,quantity,line_total,currency';
const CSV = [
  HEADER,
  'R-1,C-1,2025-03-05T10:00:00Z,MILK-1,Milk,dairy,2,2.38,EUR', // line 2
  'R-2,C-2,2025-03-05T10:00:00Z,MILK-1,Milk,dairy,0,0.00,EUR', // line 3: quantity 0
  'R-3,C-3,2025-02-30T10:00:00,MILK-1,Milk,dairy,1,1.19,EUR', // line 4: no 30 February
  'R-4,C-1,2025-03-06T10:00:00Z,BREAD-1,Bread,bakery,1,3.49,EUR', // line 5
  'R-5,C-2,2025-02-29T09:00:00,MILK-1,Milk,dairy,1,1.19,EUR', // line 6: no 29 February either
  'R-6,C-3,2025-03-07T10:00:00Z,MILK-1,Milk,dairy,0,0.00,EUR', // line 7: quantity 0 again
  'R-7,C-2,2025-03-08T10:00:00Z,BREAD-1,Bread,bakery,1,3.49,EUR', // line 8
  '',
].join('\n');

type Status = { import: ImportView; rejects?: RejectsPage; analysisRun?: ImportAnalysisRun };

async function status(importId: string, headers: Record<string, string>) {
  return getImportRoute(request(`/api/v1/imports/${importId}`, { headers }), params({ importId }));
}

async function untilEnded(importId: string, headers: Record<string, string>): Promise<Status> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = (await (await status(importId, headers)).json()) as Status;
    if (answer.import.status !== 'running') return answer;
    if (Date.now() > deadline) throw new Error(`import ${importId} still running`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('an import report on the Imports page', () => {
  let stack: TestStack;
  let admin: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack();
    admin = { cookie: await sessionCookie('admin') };
  });
  afterAll(async () => {
    await settleAfterResponse();
    await stack.close();
  });

  it('gives each kind of rejection its first line and whole reason, to admins only, keeping no reason', async () => {
    const started = await startRoute(
      request('/api/v1/imports?name=report.csv', {
        method: 'POST',
        headers: { ...admin, 'content-type': 'text/csv' },
        body: CSV,
      }),
    );
    expect(started.status).toBe(202);
    const { importId } = (await started.json()) as { importId: string };
    const done = await untilEnded(importId, admin);
    expect(done.import.status).toBe('completed');
    expect(done.import.summary?.linesRejected).toBe(4);

    // One example per kind: the first line of each, with the value it quotes.
    const examples = done.rejects?.examples ?? [];
    expect(examples.map((e) => [e.lineNumber, e.column])).toEqual(
      expect.arrayContaining([
        [3, 'quantity'],
        [4, 'ordered_at'],
      ]),
    );
    expect(examples).toHaveLength(Object.keys(done.import.summary?.rejectedByReason ?? {}).length);
    const date = examples.find((e) => e.lineNumber === 4);
    expect(date?.reason).toContain('"2025-02-30T10:00:00" is not a real date');
    expect(date?.reason).toContain('February 2025 has 28 days');
    expect(examples.find((e) => e.lineNumber === 3)?.reason).toContain('quantity is 0');
    for (const e of examples) expect(done.import.summary?.firstRejectedLine[e.kind]).toBe(e.lineNumber);

    // The history row and the history list hold counts and line numbers, never the reasons.
    const record = await getImport(importId);
    expect(JSON.stringify(record)).not.toContain('2025-02-30');
    const list = await listRoute(request('/api/v1/imports', { headers: admin }));
    expect(await list.text()).not.toContain('2025-02-30');

    // Someone who may not page through the rejects does not see them either.
    const marketing = await status(importId, { cookie: await sessionCookie('marketing') });
    expect(marketing.status).toBe(403);
    expect(await marketing.text()).not.toContain('2025-02-30');

    // What finishing did, and the analysis run it queued.
    const finishing = done.import.finishing;
    expect(finishing?.weeks).toBeGreaterThan(0);
    // C-1 and C-2 (C-3's lines were all rejected): each scored or left out for consent.
    expect((finishing?.scored ?? 0) + (finishing?.refused ?? 0)).toBe(2);
    expect(done.import.analysisRunId).toBe(`run_${importId}`);
    expect(done.analysisRun?.runId).toBe(`run_${importId}`);
    expect(['running', 'completed', 'failed']).toContain(done.analysisRun?.status);
  });

  it('stops reading the rejects file once every kind has its line', async () => {
    const file = path.join(stack.dataDir, 'big-rejects.csv');
    const rows = ['line,column,reason,raw', '7,quantity,quantity is 0: nothing was sold or returned,x'];
    rows.push('9,order_id,"order R-9 mixes currencies: EUR and USD",y');
    rows.push('4,ordered_at,"ordered_at ""2025-02-30"" is not a real date",z');
    // Past the lines sought: an unclosed quote a reader would choke on, then plenty more.
    rows.push('11,quantity,"never closed');
    for (let i = 12; i < 50_000; i++)
      rows.push(`${i},quantity,quantity is 0: nothing was sold or returned,r`);
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    const examples = await readRejectExamples(file, {
      'quantity is N: nothing was sold or returned': 7,
      // A kind of the whole order, rejected after later lines were: found wherever it sits.
      'order … mixes currencies': 9,
      'ordered_at "…" is not a real date': 4,
    });
    expect(examples.map((e) => [e.kind.slice(0, 10), e.lineNumber, e.reason])).toEqual([
      ['quantity i', 7, 'quantity is 0: nothing was sold or returned'],
      ['order … mi', 9, 'order R-9 mixes currencies: EUR and USD'],
      ['ordered_at', 4, 'ordered_at "2025-02-30" is not a real date'],
    ]);
    // A kind whose line is missing makes it read to the end, where the broken quote is.
    await expect(readRejectExamples(file, { 'something else': 99_999 })).rejects.toThrow(/quote/i);
    expect(await readRejectExamples(path.join(stack.dataDir, 'none.csv'), { x: 1 })).toEqual([]);
  });

  it('shows a running import in the history with the progress its own panel shows', async () => {
    const importId = 'imp_20261207T120000_report';
    const now = new Date().toISOString();
    await createImport({
      importId,
      kind: 'import',
      fileName: 'running.csv',
      sizeBytes: 1000,
      sha256: '0'.repeat(64),
      format: 'canonical',
      mapping: {},
      status: 'running',
      phase: 'reading',
      startedAt: now,
      heartbeatAt: now,
      requestedBy: 'admin@example.com',
      progress: { linesRead: 0, bytesRead: 0, ordersStored: 0 },
      rejectsFile: path.join(stack.dataDir, 'running-rejects.csv'),
    });
    const progress: ImportJob['progress'] = {
      phase: 'reading',
      bytesRead: 0,
      linesRead: 0,
      linesRejected: 0,
      ordersStored: 0,
      bucketsDone: 0,
      buckets: 0,
      phaseStartedAt: now,
    };
    const job: ImportJob = {
      importId,
      dryRun: false,
      fileName: 'running.csv',
      sizeBytes: 1000,
      format: 'auto',
      map: {},
      requestedBy: 'admin@example.com',
      status: 'running',
      startedAt: now,
      heartbeatAt: now,
      progress,
      rejectsFile: path.join(stack.dataDir, 'running-rejects.csv'),
    };
    // Its file was saved as it started; since then this process has read the file and is storing orders.
    saveJob(job);
    registry.running.set(importId, {
      ...job,
      progress: { ...progress, phase: 'orders', bytesRead: 1000, linesRead: 20, buckets: 2 },
    });
    try {
      const panel = (await (await status(importId, admin)).json()) as Status;
      const list = await listRoute(request('/api/v1/imports', { headers: admin }));
      const row = ((await list.json()) as { imports: ImportView[] }).imports.find(
        (i) => i.importId === importId,
      );
      expect(panel.import.progress).toMatchObject({ phase: 'orders', percent: 50 });
      const { etaSeconds: _a, ...shown } = panel.import.progress;
      expect(row?.progress).toMatchObject(shown);
    } finally {
      registry.running.delete(importId);
      await updateImport(importId, { status: 'failed', error: 'test over' });
    }
  });
});
