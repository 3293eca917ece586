import { randomUUID } from 'node:crypto';
import type { Analyzer } from '../../ai/analyzer';
import { getConfig } from '../../config';
import { customerItemSchema } from '../../customers/customer';
import { scanPage, type Item } from '../../db/items';
import { allConsentStates } from '../../privacy/consent/consent-states';
import { countEnforcement } from '../../privacy/consent/may-use';
import { buildInsights, consentSets, type AnalysedCustomer } from '../build-insights';
import { customerFeatures, type CustomerFeatures } from '../features';
import { havingVersion, putInsights } from '../insight-store';
import { saveModel } from '../model-store';
import { fitPopulationModel, populationModelSchema, type PopulationModel } from '../population-model';
import { claimRun, createRun, getRun, updateRun, type Run } from './run';

/**
 * The batch analysis: fit the population models on every customer who allows personalization, then analyse each
 * of them, a scan page at a time. After each page is stored the run records its scan position (the checkpoint), so
 * a killed run resumes after the last stored page; the page it was in is re-read and its already-stored customers
 * are skipped (their insight has the run's version), so nobody is analysed twice.
 */
const PAGE = 250; // customers per scan page, and per checkpoint

export interface BatchOptions {
  analyzer: Analyzer;
  owner?: string;
  concurrency?: number;
  onProgress?: (run: Run) => void;
  /** Analyses counted as they are stored (tests count them). */
  onAnalysed?: (customerIds: readonly string[]) => void;
  /** Asked after each stored page: true leaves the run where it is (checkpointed) for another process to resume. */
  stopRequested?: () => boolean;
  /** Customers per page and checkpoint (default 250). */
  pageSize?: number;
}

export async function startRun(
  trigger: Run['trigger'],
  requestedBy: string,
  analyzer: string,
  now = new Date(),
  runId = `run_${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}_${randomUUID().slice(0, 6)}`,
): Promise<{ run: Run; created: boolean }> {
  const run: Run = {
    runId,
    kind: 'batch',
    trigger,
    startedAt: now.toISOString(),
    asOf: now.toISOString(),
    status: 'running',
    phase: 'fitting',
    requestedBy,
    total: 0,
    done: 0,
    refused: 0,
    withoutOrders: 0,
    analyzer,
    costUsd: 0,
    claims: 0,
  };
  const created = await createRun(run);
  return { run: created ? run : ((await getRun(runId)) ?? run), created };
}

const ANALYSED_ATTRIBUTES = ['customerId', 'purchases', 'lastOrderAt', 'segment'] as const;
const analysedCustomerSchema = customerItemSchema.pick({
  customerId: true,
  purchases: true,
  lastOrderAt: true,
  segment: true,
});

interface Page {
  startKey?: Item;
  items: AnalysedCustomer[];
  nextKey?: Item;
}

const keyId = (key?: Item) => (key ? JSON.stringify(key) : '');

/** Runs (or resumes) a batch to the end. Returns the final run, or undefined when another process holds it. */
export async function runBatch(runId: string, options: BatchOptions): Promise<Run | undefined> {
  const owner = options.owner ?? `batch-${process.pid}-${randomUUID().slice(0, 6)}`;
  if (!(await claimRun(runId, owner))) return undefined;
  let run = (await getRun(runId))!;
  const asOf = new Date(run.asOf);
  const asOfDay = Math.floor(asOf.getTime() / 86_400_000);
  const update = async (changes: Partial<Run>) => {
    if (!(await updateRun(runId, owner, { ...changes, heartbeatAt: new Date().toISOString() })))
      throw new RunTakenOver(runId);
    run = { ...run, ...changes };
    options.onProgress?.(run);
  };
  const cached: Page[] = [];
  const readPage = async (startKey?: Item): Promise<Page> => {
    const known = cached.find((p) => keyId(p.startKey) === keyId(startKey));
    if (known) return known;
    const page = await scanPage('customers', {
      limit: options.pageSize ?? PAGE,
      startKey,
      attributes: ANALYSED_ATTRIBUTES,
    });
    return { startKey, items: page.items.map((i) => analysedCustomerSchema.parse(i)), nextKey: page.nextKey };
  };

  // The ledger scan overlaps the first customer page (the store serves one request at a time; parsing is here).
  const [consent, firstPage] = await Promise.all([allConsentStates(), readPage()]);
  cached.push(firstPage);
  const allowed = (c: AnalysedCustomer) => consent.stateOf(c.customerId).personalization;
  try {
    let model: PopulationModel;
    if (run.phase === 'fitting' || !run.model) {
      const features: CustomerFeatures[] = [];
      let refused = 0;
      let withoutOrders = 0;
      let startKey: Item | undefined;
      do {
        const page = await readPage(startKey);
        if (!cached.includes(page)) cached.push(page);
        for (const c of page.items) {
          if (!allowed(c)) {
            refused++;
            continue;
          }
          const f = c.purchases && customerFeatures(c.purchases, asOfDay);
          if (f) features.push(f);
          else withoutOrders++;
        }
        startKey = page.nextKey;
      } while (startKey);
      model = fitPopulationModel(features, run.asOf.slice(0, 10));
      await saveModel(model, runId);
      countEnforcement('personalization', 'rejected', refused);
      await update({
        phase: 'analysing',
        total: features.length,
        refused,
        withoutOrders,
        modelFittedAt: model.fittedAt,
        model: model as unknown as Record<string, unknown>,
      });
    } else {
      model = populationModelSchema.parse(run.model);
    }

    const version = `${run.asOf}#${runId}`;
    const ttlHours = getConfig().INSIGHT_TTL_HOURS;
    const sessionStart = performance.now();
    const doneAtStart = run.done;
    let cursor = run.cursor as Item | undefined;
    // Only the page at the checkpoint can hold customers a stopped process already stored (a page's writes start
    // only after the previous page is checkpointed), so only a resumed run's first page is checked.
    let checkFinished = run.claims > 1;
    // Pipelined: while one page's insights are being written, the next page is computed. A page is checkpointed
    // only once its writes are done.
    let inFlight:
      | { stored: Promise<unknown>; failed?: Error; nextKey?: Item; eligible: number; cost: number }
      | undefined;
    const settle = async (): Promise<'stopped' | 'go'> => {
      const page = inFlight;
      if (!page) return 'go';
      inFlight = undefined;
      await page.stored;
      if (page.failed) throw page.failed;
      // Customers stored before a kill in this page were never counted: the page counts whole once stored.
      const done = Math.min(run.total, run.done + page.eligible);
      const seconds = (performance.now() - sessionStart) / 1000;
      const rate = seconds > 0 ? (done - doneAtStart) / seconds : 0;
      const progress = {
        done,
        cursor: page.nextKey,
        costUsd: Math.round((run.costUsd + page.cost) * 1e6) / 1e6,
        ratePerSecond: Math.round(rate * 10) / 10,
        etaSeconds: rate > 0 ? Math.round((run.total - done) / rate) : undefined,
      };
      if (options.stopRequested?.()) {
        // Checkpointed and marked silent, so the next process to look resumes it at once.
        await updateRun(runId, owner, { ...progress, heartbeatAt: new Date(0).toISOString() });
        return 'stopped';
      }
      await update(progress);
      return 'go';
    };
    let more = true;
    while (more) {
      const page = await readPage(cursor);
      cursor = page.nextKey;
      more = cursor !== undefined;
      const eligible = page.items.filter((c) => allowed(c) && c.purchases?.days.length);
      const finished = checkFinished
        ? await havingVersion(
            eligible.map((c) => c.customerId),
            version,
          )
        : new Set<string>();
      checkFinished = false;
      const todo = eligible.filter((c) => !finished.has(c.customerId));
      const built = await buildInsights(
        todo,
        consentSets(
          todo.map((c) => c.customerId),
          consent.stateOf,
        ),
        {
          model,
          asOf,
          analyzer: options.analyzer,
          trigger: 'batch',
          version,
          runId,
          ttlHours,
          concurrency: options.concurrency ?? getConfig().ANALYSIS_CONCURRENCY,
        },
      );
      if ((await settle()) === 'stopped') return undefined;
      const next: NonNullable<typeof inFlight> = {
        nextKey: page.nextKey,
        eligible: eligible.length,
        cost: built.insights.reduce((sum, i) => sum + i.costUsd, 0),
        stored: Promise.resolve(),
      };
      // Caught at once (and rethrown by settle): a write failing while the next page computes must not go unhandled.
      next.stored = putInsights(built.insights, built.patterns).then(
        () => options.onAnalysed?.(built.insights.map((i) => i.customerId)),
        (error: Error) => void (next.failed = error),
      );
      inFlight = next;
    }
    if ((await settle()) === 'stopped') return undefined;
    const finishedAt = new Date();
    await update({
      status: 'completed',
      phase: 'done',
      done: run.total,
      etaSeconds: 0,
      finishedAt: finishedAt.toISOString(),
      seconds: (finishedAt.getTime() - Date.parse(run.startedAt)) / 1000,
    });
    return run;
  } catch (error) {
    if (error instanceof RunTakenOver) return undefined;
    await updateRun(runId, owner, {
      status: 'failed',
      error: (error as Error).message.slice(0, 500),
      finishedAt: new Date().toISOString(),
    }).catch(() => undefined);
    throw error;
  }
}

class RunTakenOver extends Error {
  constructor(runId: string) {
    super(`run ${runId} was taken over by another process`);
  }
}
