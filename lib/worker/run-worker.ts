import { hostname } from 'node:os';
import { getConfig } from '../config';
import { sweepOutbox } from '../orders/sweep-outbox';
import { flushEnforcementCounts } from '../privacy/consent/may-use';
import { sweepConsentEvents } from '../privacy/consent/sweep-consent-events';
import { sweepRetention } from '../privacy/retention/sweep-retention';
import { claimSegmentRun, getStoredEdges } from '../segmentation/edges-store';
import { recomputeSegments } from '../segmentation/recompute-segments';
import { StreamConsumer } from '../stream/consumer/stream-consumer';
import { closeEventPublisher } from '../stream/event-publisher';
import { putHeartbeat } from '../streaming/worker-heartbeat';
import { decodeEvent, EVENT_HANDLERS, excludeErased } from './event-handlers';

export interface RunningWorker {
  workerId: string;
  consumer: StreamConsumer<import('../events').PulseEvent>;
  stop(): Promise<void>;
}

const SWEEP_EVERY_MS = 5_000;
const NIGHTLY_CHECK_MS = 15 * 60_000;
const RETENTION_EVERY_MS = 60 * 60_000;

/** The nightly batch: when the stored RFM edges are a day old, recompute them and rescore everyone. */
async function nightlyIfDue(now = new Date()): Promise<void> {
  const edges = await getStoredEdges();
  if (edges && now.getTime() - Date.parse(edges.asOf) < 24 * 3600_000) return;
  const runId = `nightly:${now.toISOString().slice(0, 10)}`;
  if (!(await claimSegmentRun(runId))) return; // another worker runs tonight's batch
  const result = await recomputeSegments(now);
  console.log(
    `[worker] nightly segments: ${result.scored} scored, ${result.refused} without personalization consent, ${result.changed} changed`,
  );
}

/**
 * The background process beside Next: a heartbeat, the Kinesis consumer running every event handler, and the
 * sweepers that publish events of interrupted orders and consent changes, and the nightly segment batch (checked every 15 min,
 * run when the stored RFM edges are a day old), and the retention sweep every hour.
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
  const retention = setInterval(
    () => chain(() => sweepRetention({ dryRun: false }), 'retention sweep'),
    RETENTION_EVERY_MS,
  );
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
      await pending;
      await consumer.stop();
      await flushEnforcementCounts();
      await closeEventPublisher();
    },
  };
}
