import { hostname } from 'node:os';
import { getConfig } from '../config';
import { putHeartbeat } from '../streaming/worker-heartbeat';

export interface RunningWorker {
  workerId: string;
  stop(): Promise<void>;
}

/**
 * The background process beside Next: for now it proves it is alive with a heartbeat; Kinesis consumers and
 * schedules (nightly batch, outbox and retention sweeps) join it in later issues.
 */
export async function runWorker(): Promise<RunningWorker> {
  const intervalSeconds = getConfig().WORKER_HEARTBEAT_SECONDS;
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
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    pending = beat().catch((error: Error) => console.error(`[worker] heartbeat failed: ${error.message}`));
  }, intervalSeconds * 1000);
  return {
    workerId,
    async stop() {
      clearInterval(timer);
      await pending;
    },
  };
}
