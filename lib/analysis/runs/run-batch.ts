import { randomUUID } from 'node:crypto';
import type { Analyzer } from '../analyzers/analyzer';
import { getConfig } from '../../config';
import type { Item } from '../../db/items';
import { createAnalyzerChooser } from '../../experiments/choose-analyzer-variant';
import { recordAnalysisObservations } from '../../experiments/record-analysis-observations';
import { forEachLimit } from '../../for-each-limit';
import { allConsentStates } from '../../privacy/consent/consent-states';
import { countEnforcement } from '../../privacy/consent/may-use';
import { erasedAmong } from '../../privacy/erasure/tombstones';
import { buildInsights, consentSets, type AnalysedCustomer } from '../build-insights';
import { deleteCustomerAnalysis, havingVersion, putInsights } from '../insight-store';
import { saveModel } from '../model-store';
import {
  fitPopulationModel,
  MIN_FIT_CUSTOMERS,
  populationModelSchema,
  type PopulationModel,
} from '../population-model';
import { storeDay, storeEpochDay } from '../../time/store-time';
import { withdrawnSince } from '../withdrawals';
import { CustomerPages } from './customer-pages';
import { claimRun, createRun, getRun, RUN_STALE_MS, updateRun, type Run } from './run';

/**
 * The batch analysis: fit the population models on every customer who allows personalization, then analyse each
 * of them, a scan page at a time. After each page is stored the run records its scan position (the checkpoint), so
 * a killed run resumes after the last stored page; the page it was in is re-read and its already-stored customers
 * are skipped (their insight has the run's version), so no stored customer is analysed again.
 */
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

/** How often a running batch tells others it is alive (well inside RUN_STALE_MS, whatever a page takes). */
const HEARTBEAT_MS = 20_000;
/** A run that fails this many times in a row is marked failed; before that it is retried after a pause. */
const MAX_FAILURES = 3;
const RETRY_AFTER_MS = 30_000;

/** Not enough data to fit the models: retrying will not help. */
const permanent = (error: unknown) => error instanceof RangeError;

/** Runs (or resumes) a batch to the end. Returns the final run, or undefined when another process holds it. */
export async function runBatch(runId: string, options: BatchOptions): Promise<Run | undefined> {
  const owner = options.owner ?? `batch-${process.pid}-${randomUUID().slice(0, 6)}`;
  if (!(await claimRun(runId, owner))) return undefined;
  let run = (await getRun(runId))!;
  let lost = false;
  const heartbeat = setInterval(() => {
    updateRun(runId, owner, { heartbeatAt: new Date().toISOString() }).then(
      (held) => void (lost ||= !held),
      () => undefined, // the next beat or page update tries again
    );
  }, HEARTBEAT_MS);
  heartbeat.unref?.();
  const update = async (changes: Partial<Run>) => {
    if (lost || !(await updateRun(runId, owner, { ...changes, heartbeatAt: new Date().toISOString() })))
      throw new RunTakenOver(runId);
    run = { ...run, ...changes };
    options.onProgress?.(run);
  };
  try {
    const result = await analyseAll(run, owner, options, update, () => lost);
    if (result === 'stopped') return undefined;
    // Consent that changed while the run went: whoever no longer allows personalization loses what it wrote.
    const now = await allConsentStates();
    const withdrawn = result.analysed.filter((id) => !now.stateOf(id).personalization);
    await forEachLimit(withdrawn, 8, async (id) => {
      await deleteCustomerAnalysis(id);
    });
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
    const failures = (run.failures ?? 0) + 1;
    const message = (error as Error).message.slice(0, 500);
    const final = permanent(error) || failures >= MAX_FAILURES;
    await updateRun(runId, owner, {
      error: message,
      failures,
      ...(final
        ? { status: 'failed', finishedAt: new Date().toISOString() }
        : // Left running and silent, so a worker retries it once the heartbeat looks RETRY_AFTER_MS × failures old.
          { heartbeatAt: new Date(Date.now() - RUN_STALE_MS + RETRY_AFTER_MS * failures).toISOString() }),
    }).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

interface InFlight {
  stored: Promise<unknown>;
  failed?: Error;
  nextKey?: Item;
  eligible: number;
  cost: number;
}

/**
 * Fit (unless the run already has its model), then every page: compute, write, checkpoint. Pipelined: while one
 * page's insights are being written, the next page is computed; a page is checkpointed once its writes are done.
 */
async function analyseAll(
  start: Run,
  owner: string,
  options: BatchOptions,
  update: (changes: Partial<Run>) => Promise<void>,
  isLost: () => boolean,
): Promise<'stopped' | { analysed: string[] }> {
  let run = start;
  const runId = run.runId;
  const track = async (changes: Partial<Run>) => {
    await update(changes);
    run = { ...run, ...changes };
  };
  const asOf = new Date(run.asOf);
  // The store's day: the purchase digests count the store's days.
  const { STORE_TIMEZONE: timeZone, STORE_CURRENCY: currency } = getConfig();
  const asOfDay = storeEpochDay(asOf, timeZone);
  const pages = new CustomerPages(options.pageSize);
  // The ledger scan overlaps the first customer page (the store serves one request at a time; parsing is here).
  const [consent] = await Promise.all([allConsentStates(), pages.read()]);
  const allowed = (c: AnalysedCustomer) => consent.stateOf(c.customerId).personalization;

  let model: PopulationModel;
  if (run.phase === 'fitting' || !run.model) {
    const { features, refused, withoutOrders } = await pages.features(allowed, asOfDay);
    // Too few to fit says why: most often nobody has allowed personalization yet (an import's customers get the
    // configured defaults, which grant nothing unless CONSENT_DEFAULT_GRANTED says so).
    if (features.length < MIN_FIT_CUSTOMERS)
      throw new RangeError(
        `${features.length.toLocaleString('en')} customers with orders allow personalization` +
          (refused ? ` (${refused.toLocaleString('en')} customers do not)` : '') +
          `; the models need at least ${MIN_FIT_CUSTOMERS}` +
          (refused
            ? ': consent comes from the storefront, the consent columns of an import, or CONSENT_DEFAULT_GRANTED (docs/configuration.md)'
            : ''),
      );
    model = fitPopulationModel(features, storeDay(asOf, timeZone), currency);
    await saveModel(model, runId);
    countEnforcement('personalization', 'rejected', refused);
    await track({
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

  // Running experiments are read once per run (not per customer); each customer's variant is their assignment.
  const chooser = await createAnalyzerChooser();
  const version = `${run.asOf}#${runId}`;
  const ttlHours = getConfig().INSIGHT_TTL_HOURS;
  const sessionStart = performance.now();
  const doneAtStart = run.done;
  const analysed: string[] = [];
  let cursor = run.cursor as Item | undefined;
  // Only the page at the checkpoint can hold customers a stopped process already stored (a page's writes start
  // only after the previous page is checkpointed), so only a resumed run's first page is checked.
  let checkFinished = run.claims > 1;
  let inFlight: InFlight | undefined;
  const settle = async (stopping: boolean): Promise<void> => {
    const page = inFlight;
    inFlight = undefined;
    if (page) {
      await page.stored;
      if (page.failed) throw page.failed;
    }
    // Customers stored before a kill in this page were never counted: the page counts whole once stored.
    const done = Math.min(run.total, run.done + (page?.eligible ?? 0));
    const seconds = (performance.now() - sessionStart) / 1000;
    const rate = seconds > 0 ? (done - doneAtStart) / seconds : 0;
    const progress: Partial<Run> = {
      done,
      ...(page ? { cursor: page.nextKey } : {}),
      costUsd: Math.round((run.costUsd + (page?.cost ?? 0)) * 1e6) / 1e6,
      ratePerSecond: Math.round(rate * 10) / 10,
      etaSeconds: rate > 0 ? Math.round((run.total - done) / rate) : undefined,
    };
    if (stopping) {
      // Checkpointed and marked silent, so the next process to look resumes it at once.
      await updateRun(runId, owner, { ...progress, heartbeatAt: new Date(0).toISOString() });
      return;
    }
    await track(progress);
  };
  let more = true;
  while (more) {
    if (isLost()) throw new RunTakenOver(runId);
    // A stop is honoured before computing more: only the page already computed is written.
    if (options.stopRequested?.()) {
      await settle(true);
      return 'stopped';
    }
    const page = await pages.read(cursor);
    cursor = page.nextKey;
    more = cursor !== undefined;
    const eligible = page.items.filter((c) => allowed(c) && c.purchases?.days.length);
    const ids = eligible.map((c) => c.customerId);
    const finished = checkFinished ? await havingVersion(ids, version) : new Set<string>();
    checkFinished = false;
    const todo = eligible.filter((c) => !finished.has(c.customerId));
    const built = await buildInsights(todo, consentSets(ids, consent.stateOf), {
      model,
      asOf,
      analyzer: options.analyzer,
      chooseVariant: chooser.choose,
      trigger: 'batch',
      version,
      runId,
      ttlHours,
      concurrency: options.concurrency ?? getConfig().ANALYSIS_CONCURRENCY,
    });
    // Whoever withdrew or was erased since the run started is not written (the worker deleted their rows already).
    const [erased, withdrew] = await Promise.all([
      erasedAmong(ids),
      Promise.resolve(withdrawnSince(ids, Date.parse(run.startedAt))),
    ]);
    const keep = (id: string) => !erased.has(id) && !withdrew.has(id);
    const insights = built.insights.filter((i) => keep(i.customerId));
    const patterns = built.patterns.filter((p) => keep(p.customerId));
    await settle(false);
    const next: InFlight = {
      nextKey: page.nextKey,
      eligible: eligible.length,
      cost: built.insights.reduce((sum, i) => sum + i.costUsd, 0),
      stored: Promise.resolve(),
    };
    // Caught at once (and rethrown by settle): a write failing while the next page computes must not go unhandled.
    next.stored = putInsights(insights, patterns).then(
      async () => {
        await recordAnalysisObservations(insights, { experiments: chooser.experiments });
        const stored = insights.map((i) => i.customerId);
        analysed.push(...stored);
        options.onAnalysed?.(stored);
      },
      (error: Error) => void (next.failed = error),
    );
    inFlight = next;
  }
  await settle(false);
  return { analysed };
}

class RunTakenOver extends Error {
  constructor(runId: string) {
    super(`run ${runId} was taken over by another process`);
  }
}
