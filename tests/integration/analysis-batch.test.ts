import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GET as getRunRoute } from '@/app/api/v1/analysis/runs/[runId]/route';
import { GET as listBacktests, POST as postBacktest } from '@/app/api/v1/analysis/backtests/route';
import { GET as listRunsRoute, POST as postRun } from '@/app/api/v1/analysis/runs/route';
import { statisticalAnalyzer } from '@/lib/analysis/analyzers/statistical-analyzer';
import { insightSchema, putInsights } from '@/lib/analysis/insight-store';
import { createRun, listRuns, RUN_STALE_MS } from '@/lib/analysis/runs/run';
import { runBatch } from '@/lib/analysis/runs/run-batch';
import { customerItemSchema } from '@/lib/customers/customer';
import { scanItems, scanPage, updateItem } from '@/lib/db/items';
import { allConsentStates } from '@/lib/privacy/consent/consent-states';
import { writeDataset } from '@/lib/seed/write-dataset';
import { params, problem, request, sessionCookie } from './support/http';
import { useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');

/** Customers who allow personalization and have orders: the ones a batch must analyse. */
async function eligible(): Promise<Set<string>> {
  const consent = await allConsentStates();
  const customers = (await scanItems('customers')).map((c) => customerItemSchema.parse(c));
  return new Set(
    customers
      .filter((c) => consent.stateOf(c.customerId).personalization && c.purchases?.days.length)
      .map((c) => c.customerId),
  );
}

async function insightsOf(runId: string) {
  return (await scanItems('customer_insights'))
    .map((i) => insightSchema.parse(i))
    .filter((i) => i.runId === runId);
}

/** Runs `npm run batch` in a child process and SIGKILLs it once it reports its first progress line. */
function killBatchMidway(): Promise<{ output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'lib/cli/batch.ts', '--skip-segments', '--page-size', '10'],
      { env: { ...process.env, ANALYSIS_CONCURRENCY: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/customers analysed \(/.test(output)) child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', () => resolve({ output }));
  });
}

describe('the analysis batch', () => {
  const stack = useTestStack();

  it('resumes a killed run where it stopped and analyses nobody twice', async () => {
    await writeDataset({ seed: 'analysis-batch', customers: 300, end: END, dataDir: stack().dataDir });
    const expected = await eligible();
    expect(expected.size).toBeGreaterThan(100);

    const { output } = await killBatchMidway();
    expect(output).toMatch(/models fitted on/);
    const [run] = (await listRuns(1)).runs;
    expect(run?.status).toBe('running'); // killed: nobody marked it finished
    const before = await insightsOf(run!.runId);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(expected.size);

    // A live process holds it: another may not take it over until its heartbeat is RUN_STALE_MS old.
    expect(await runBatch(run!.runId, { analyzer: statisticalAnalyzer })).toBeUndefined();
    await updateItem('analysis_runs', { runId: run!.runId }, 'SET heartbeatAt = :old', {
      values: { ':old': new Date(Date.now() - RUN_STALE_MS - 1000).toISOString() },
    });

    const analysed: string[] = [];
    const final = await runBatch(run!.runId, {
      analyzer: statisticalAnalyzer,
      pageSize: 10,
      onAnalysed: (ids) => analysed.push(...ids),
    });
    expect(final?.status).toBe('completed');
    expect(final?.claims).toBe(2);
    expect(final?.done).toBe(expected.size);
    // Exactly the customers the killed process had not stored were analysed, each once.
    const storedBefore = new Set(before.map((i) => i.customerId));
    expect(new Set(analysed).size).toBe(analysed.length);
    expect(analysed.filter((id) => storedBefore.has(id))).toEqual([]);
    expect(analysed.length).toBe(expected.size - storedBefore.size);
    const after = await insightsOf(run!.runId);
    expect(new Set(after.map((i) => i.customerId))).toEqual(expected);
  });

  it('on resuming, skips the customers of the checkpointed page that were already stored', async () => {
    const [done] = (await listRuns(1)).runs;
    // A run interrupted before its first checkpoint, whose first customer's insight had already been written.
    const runId = 'run_resume_probe';
    await createRun({
      ...done!,
      runId,
      startedAt: new Date().toISOString(),
      status: 'running',
      phase: 'analysing',
      done: 0,
      claims: 1,
      cursor: undefined,
      owner: undefined,
      heartbeatAt: undefined,
      finishedAt: undefined,
      seconds: undefined,
    });
    // A customer on the first scan page: the page a resumed run reads first.
    const expected = await eligible();
    const firstPage = await scanPage('customers', { limit: 250 });
    const first = firstPage.items.map((c) => String(c.customerId)).find((id) => expected.has(id));
    const version = `${done!.asOf}#${runId}`;
    const stored = (await insightsOf(done!.runId)).find((i) => i.customerId === first)!;
    await putInsights([{ ...stored, version, runId }], []);
    const analysed: string[] = [];
    const final = await runBatch(runId, {
      analyzer: statisticalAnalyzer,
      onAnalysed: (ids) => analysed.push(...ids),
    });
    expect(final?.status).toBe('completed');
    expect(analysed).not.toContain(first);
    expect(analysed.length).toBe((await eligible()).size - 1);
  });

  it('stores insights with the numbers a reader needs, and only for customers who allow personalization', async () => {
    const [run] = (await listRuns(1)).runs;
    const insights = await insightsOf(run!.runId);
    const consent = await allConsentStates();
    expect(insights.every((i) => consent.stateOf(i.customerId).personalization)).toBe(true);
    for (const i of insights) {
      expect(i.numbers.pAlive).toBeGreaterThanOrEqual(0);
      expect(i.numbers.clv.low).toBeLessThanOrEqual(i.numbers.clv.high);
      expect(i.summary).toMatch(/likely still active/);
      expect(i.analyzer).toBe('statistical');
    }
    // The seed's lapsed customers mostly read as such: P(alive) spreads over the range.
    const lapsedLooking = insights.filter((i) => i.numbers.pAlive < 0.3).length;
    const activeLooking = insights.filter((i) => i.numbers.pAlive > 0.7).length;
    expect(lapsedLooking).toBeGreaterThan(10);
    expect(activeLooking).toBeGreaterThan(10);
  });

  it('lists runs and shows one, queues a new run for the worker, refuses a second while one runs', async () => {
    const cookie = await sessionCookie('marketing');
    const list = await listRunsRoute(request('/api/v1/analysis/runs', { headers: { cookie } }));
    expect(list.status).toBe(200);
    const { runs } = (await list.json()) as { runs: { runId: string; status: string; cursor?: unknown }[] };
    expect(runs[0]?.status).toBe('completed');
    expect(runs[0]).not.toHaveProperty('cursor');
    const one = await getRunRoute(
      request(`/api/v1/analysis/runs/${runs[0]!.runId}`, { headers: { cookie } }),
      params({ runId: runs[0]!.runId }),
    );
    expect(((await one.json()) as { run: { done: number } }).run.done).toBeGreaterThan(100);

    const queued = await postRun(request('/api/v1/analysis/runs', { method: 'POST', headers: { cookie } }));
    expect(queued.status).toBe(202);
    const again = await postRun(request('/api/v1/analysis/runs', { method: 'POST', headers: { cookie } }));
    expect(again.status).toBe(409);
    expect((await problem(again)).detail).toMatch(/still going/);

    const privacyCookie = await sessionCookie('privacy');
    expect(
      (await listRunsRoute(request('/api/v1/analysis/runs', { headers: { cookie: privacyCookie } }))).status,
    ).toBe(403);
    const missing = await getRunRoute(
      request('/api/v1/analysis/runs/run_nope', { headers: { cookie } }),
      params({ runId: 'run_nope' }),
    );
    expect(missing.status).toBe(404);
    const bad = await listRunsRoute(request('/api/v1/analysis/runs?limit=0', { headers: { cookie } }));
    expect(bad.status).toBe(400);
  });

  it('backtests the models against what happened after a cut-off, and against the seed’s truth', async () => {
    const cookie = await sessionCookie('marketing');
    const post = (body: unknown) =>
      postBacktest(
        request('/api/v1/analysis/backtests', {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const response = await post({ cutoff: '2026-08-01', horizonDays: 90 });
    expect(response.status).toBe(201);
    const { backtest } = (await response.json()) as {
      backtest: {
        groundTruth: boolean;
        score: { customers: number; purchases: { mae: number; baselineMae: number }; aliveBrier: number };
      };
    };
    expect(backtest.groundTruth).toBe(true);
    expect(backtest.score.customers).toBeGreaterThan(50);
    expect(backtest.score.purchases.mae).toBeLessThan(backtest.score.purchases.baselineMae);
    expect(backtest.score.aliveBrier).toBeLessThan(0.15);
    const list = await listBacktests(request('/api/v1/analysis/backtests', { headers: { cookie } }));
    expect(((await list.json()) as { backtests: unknown[] }).backtests).toHaveLength(1);

    const bad = await post({ cutoff: '01/08/2026', horizonDays: 90 });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.[0]?.path).toBe('body.cutoff');
    const future = await post({ cutoff: new Date().toISOString().slice(0, 10), horizonDays: 30 });
    expect(future.status).toBe(422);
    expect((await problem(future)).detail).toMatch(/must lie in the past/);
  });
});
