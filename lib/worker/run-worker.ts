import { hostname } from 'node:os';
import { getConfig } from '../config';
import { sweepOutbox } from '../orders/sweep-outbox';
import { flushEnforcementCounts } from '../privacy/consent/may-use';
import { sweepConsentEvents } from '../privacy/consent/sweep-consent-events';
import { sweepRetention } from '../privacy/retention/sweep-retention';
import { getAnalyzer, getDefaultAnalyzer } from '../analysis/analyzers/get-analyzer';
import { currentModel } from '../analysis/model-store';
import { MIN_FIT_CUSTOMERS } from '../analysis/population-model';
import { refreshIfStale } from '../analysis/refresh-if-stale';
import { startRefreshQueue, stopRefreshQueue } from '../analysis/refresh-queue';
import { getRun, listRuns, staleRuns } from '../analysis/runs/run';
import { runBatch, startRun } from '../analysis/runs/run-batch';
import { nightlyRunDue } from '../analysis/runs/schedule';
import { checkAllGuardrails } from '../experiments/check-guardrails';
import { sweepOutcomes } from '../experiments/outcomes/sweep-outcomes';
import { claimSegmentRun } from '../analysis/segments/edges-store';
import { recomputeSegments } from '../analysis/segments/recompute-segments';
import { StreamConsumer } from '../kinesis/consumer/stream-consumer';
import { closeEventPublisher } from '../kinesis/producer';
import { detectEarlyChurn } from '../live/detect-early-churn';
import { detectTraffic } from '../live/detect-traffic';
import { getAlert } from '../live/alerts/alert-store';
import { deliverDueWebhooks } from '../live/alerts/webhooks';
import { endIdleSessions } from '../live/end-idle-sessions';
import { putHeartbeat } from '../kinesis/consumer/worker-heartbeat';
import { getBusinessTotals } from '../overview/get-business-overview';
import { storeDay } from '../time/store-time';
import { decodeEvent, EVENT_HANDLERS, excludeErased } from './event-handlers';

export interface RunningWorker {
  workerId: string;
  consumer: StreamConsumer<import('../events').PulseEvent>;
  stop(): Promise<void>;
}

const SWEEP_EVERY_MS = 5_000;
const NIGHTLY_CHECK_MS = 60_000;
const RETENTION_EVERY_MS = 60 * 60_000;
const RUN_PICKUP_MS = 2_000;
const TRAFFIC_EVERY_MS = 5 * 60_000;
const SESSIONS_EVERY_MS = 60_000;
const WEBHOOKS_EVERY_MS = 2_000;
const EXPERIMENTS_EVERY_MS = 5 * 60_000;

let skippedRun: string | undefined;

/**
 * An empty store (or one with a handful of customers) has nothing to fit: no run is started, rather than one that
 * fails every night; said once per run id. An import starts its own run when it ends.
 */
async function tooFewToFit(runId: string): Promise<boolean> {
  const customers = (await getBusinessTotals())?.customers ?? 0;
  if (customers >= MIN_FIT_CUSTOMERS) return false;
  if (skippedRun !== runId)
    console.log(
      `[worker] analysis run ${runId} not started: ${customers} customers with orders, the models need ${MIN_FIT_CUSTOMERS} (import an order history: npm run import)`,
    );
  skippedRun = runId;
  return true;
}

/**
 * The nightly batch, once the scheduled local time has passed today (ANALYSIS_SCHEDULE in the store's time zone): RFM
 * segments recomputed, then an analysis run created for the run pickup below. With no fitted model at all (a
 * fresh store), an initial analysis run is created at once instead of waiting for the night.
 */
export async function nightlyIfDue(now = new Date()): Promise<void> {
  const config = getConfig();
  const nightly = nightlyRunDue(
    now,
    config.ANALYSIS_SCHEDULE,
    config.ANALYSIS_TIMEZONE ?? config.STORE_TIMEZONE,
  );
  if (nightly && !(await getRun(nightly))) {
    if (await claimSegmentRun(`segments_${nightly}`)) {
      const result = await recomputeSegments(now);
      console.log(
        `[worker] nightly segments: ${result.scored} scored, ${result.refused} without personalization consent, ${result.changed} changed`,
      );
    }
    if (await tooFewToFit(nightly)) return;
    await startRun('schedule', 'system:schedule', (await getDefaultAnalyzer()).name, now, nightly);
    return;
  }
  if (
    !(await currentModel()) &&
    !(await listRuns(1)).runs.some((r) => r.status === 'running') &&
    !(await tooFewToFit(`initial_${storeDay(now, getConfig().STORE_TIMEZONE)}`))
  )
    await startRun(
      'initial',
      'system:first-start',
      (await getDefaultAnalyzer()).name,
      now,
      `initial_${storeDay(now, getConfig().STORE_TIMEZONE)}`,
    );
}

/**
 * The background process beside Next: a heartbeat, the Kinesis consumer running every event handler, the sweepers
 * that publish events of interrupted orders and consent changes, the nightly batch (checked every minute, run once
 * the scheduled time has passed), analysis runs, detection, webhook deliveries and the hourly retention sweep.
 */
export async function runWorker(): Promise<RunningWorker> {
  const config = getConfig();
  const intervalSeconds = config.WORKER_HEARTBEAT_SECONDS;
  const workerId = `${hostname()}-${process.pid}`;
  const startedAt = new Date().toISOString();
  const beat = () =>
    putHeartbeat({
      workerId,
      pid: process.pid,
      startedAt,
      heartbeatAt: new Date().toISOString(),
      intervalSeconds,
    });
  await beat();
  let pending: Promise<unknown> = Promise.resolve();
  const chain = (work: () => Promise<unknown>, what: string) => {
    pending = pending
      .then(work)
      .catch((error: Error) => console.error(`[worker] ${what} failed: ${error.message}`));
  };
  const heartbeat = setInterval(() => chain(beat, 'heartbeat'), intervalSeconds * 1000);
  const sweeper = setInterval(() => {
    chain(() => sweepOutbox(), 'outbox sweep');
    chain(() => sweepConsentEvents(), 'consent event sweep');
  }, SWEEP_EVERY_MS);
  const nightly = setInterval(() => chain(() => nightlyIfDue(), 'nightly batch'), NIGHTLY_CHECK_MS);
  chain(() => nightlyIfDue(), 'nightly batch');
  // Analysis runs (nightly, requested from the dashboard, or left by a stopped process) run here, one at a time,
  // beside the chain so the heartbeat and sweepers keep going during a long run.
  let stopping = false;
  let batch: Promise<unknown> | undefined;
  const pickUpRuns = () => {
    if (batch || stopping) return;
    batch = (async () => {
      const [run] = await staleRuns();
      if (!run) return;
      console.log(
        `[worker] analysis ${run.runId}: ${run.done ? `resuming at ${run.done}/${run.total}` : 'starting'}`,
      );
      const final = await runBatch(run.runId, {
        analyzer: getAnalyzer(),
        owner: workerId,
        stopRequested: () => stopping,
      });
      if (final)
        console.log(
          `[worker] analysis ${run.runId}: ${final.done} customers in ${final.seconds?.toFixed(1)} s`,
        );
    })()
      .catch((error: Error) => console.error(`[worker] analysis run failed: ${error.message}`))
      .finally(() => (batch = undefined));
  };
  const runs = setInterval(pickUpRuns, RUN_PICKUP_MS);
  startRefreshQueue({ refresh: (customerId) => refreshIfStale(customerId, getAnalyzer()) });
  const traffic = setInterval(() => chain(() => detectTraffic(), 'traffic detection'), TRAFFIC_EVERY_MS);
  // Experiments: a failing guardrail rolls its experiment back to 0 % (paused); predictions whose horizon ended
  // without a purchase of the category, and showings whose window closed without a click, are recorded as misses.
  const experiments = setInterval(() => {
    chain(async () => {
      for (const o of await checkAllGuardrails())
        if (o.action === 'rolled_back')
          console.log(`[worker] experiment ${o.key} rolled back to 0 %: ${o.detail}`);
    }, 'experiment guardrail check');
    chain(() => sweepOutcomes(), 'experiment outcome sweep');
  }, EXPERIMENTS_EVERY_MS);
  // Alert webhooks, beside the chain: a slow receiver must not hold up the heartbeat.
  let delivering = false;
  const webhooks = setInterval(() => {
    if (delivering) return;
    delivering = true;
    deliverDueWebhooks(getAlert)
      .catch((error: Error) => console.error(`[worker] alert webhooks failed: ${error.message}`))
      .finally(() => (delivering = false));
  }, WEBHOOKS_EVERY_MS);
  // Sessions quiet for 30 minutes end (session_end), which is what the cart-abandonment check reacts to.
  const sessions = setInterval(
    () => chain(() => endIdleSessions(), 'ending idle sessions'),
    SESSIONS_EVERY_MS,
  );
  const retention = setInterval(() => {
    chain(() => sweepRetention({ dryRun: false }), 'retention sweep');
    // Hourly too: customers who have gone past their replenishment cycle since (outreach alerts, with marketing).
    chain(() => detectEarlyChurn(), 'early-churn detection');
  }, RETENTION_EVERY_MS);
  const consumer = new StreamConsumer({
    stream: config.EVENTS_STREAM,
    workerId,
    handlers: EVENT_HANDLERS,
    decode: decodeEvent,
    exclude: excludeErased,
  });
  await consumer.start();
  return {
    workerId,
    consumer,
    async stop() {
      clearInterval(heartbeat);
      clearInterval(sweeper);
      clearInterval(nightly);
      clearInterval(retention);
      clearInterval(traffic);
      clearInterval(experiments);
      clearInterval(sessions);
      clearInterval(webhooks);
      clearInterval(runs);
      stopping = true;
      await batch;
      await stopRefreshQueue();
      await pending;
      await consumer.stop();
      await flushEnforcementCounts();
      await closeEventPublisher();
    },
  };
}
