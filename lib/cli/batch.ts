import { parseArgs } from 'node:util';
import { getAnalyzer } from '../analysis/analyzers/get-analyzer';
import { runBatch, startRun } from '../analysis/runs/run-batch';
import { listRuns, RUN_STALE_MS, staleRuns, type Run } from '../analysis/runs/run';
import { openStack } from '../aws/stack';
import { recomputeSegments } from '../analysis/segments/recompute-segments';
import { closeEventPublisher } from '../kinesis/producer';
import { runCli, UsageError } from './run-cli';
import { bindStoreUnits } from '../overview/bind-store-units';

const n = (v: number) => v.toLocaleString('en');

function progressLine(run: Run): string {
  const share = run.total ? Math.floor((run.done / run.total) * 100) : 0;
  const eta = run.etaSeconds !== undefined ? `, ETA ${run.etaSeconds} s` : '';
  return `  ${n(run.done)}/${n(run.total)} customers analysed (${share} %, ${run.ratePerSecond ?? 0}/s${eta})`;
}

/**
 * npm run batch: the nightly job now — RFM segments recomputed, then the analysis batch (models fitted on the whole
 * base, every customer who allows personalization analysed). A run left unfinished by a killed process is resumed
 * instead of starting another. `--skip-segments` runs only the analysis; `--page-size` sets customers per
 * checkpoint.
 */
runCli(async () => {
  const { values } = parseArgs({
    options: {
      'skip-segments': { type: 'boolean', default: false },
      'page-size': { type: 'string', default: '250' },
    },
  });
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw new UsageError('--page-size must be a whole number from 1 to 1000 (customers per checkpoint).');
  const stack = await openStack();
  await bindStoreUnits(); // the store's currency and zone, when this process was not given them
  try {
    if (!values['skip-segments']) {
      const result = await recomputeSegments(new Date());
      console.log(
        `segments: ${n(result.scored)} customers scored (${n(result.refused)} without personalization consent), ` +
          `${n(result.changed)} changed segment (each published as segment_updated), ${result.seconds.toFixed(1)} s`,
      );
    }
    const active = (await listRuns(5)).runs.find(
      (r) => r.status === 'running' && r.heartbeatAt && Date.now() - Date.parse(r.heartbeatAt) < RUN_STALE_MS,
    );
    if (active)
      throw new UsageError(
        `Run ${active.runId} is going in another process (${active.done}/${active.total}); wait for it to finish.`,
      );
    const unfinished = await staleRuns();
    const run = unfinished[0] ?? (await startRun('cli', 'cli', getAnalyzer().name)).run;
    console.log(
      unfinished[0] ? `resuming ${run.runId} at ${n(run.done)}/${n(run.total)}` : `analysis run ${run.runId}`,
    );
    let reported = -1;
    const final = await runBatch(run.runId, {
      analyzer: getAnalyzer(),
      pageSize,
      onProgress: (r) => {
        if (r.phase === 'analysing' && r.done === 0 && reported < 0) {
          console.log(
            `  models fitted on ${n(r.total)} customers (${n(r.refused)} without personalization consent)`,
          );
          reported = 0;
        }
        if (r.total && (r.done - reported >= r.total / 10 || r.done === r.total) && r.done !== reported) {
          console.log(progressLine(r));
          reported = r.done;
        }
      },
    });
    if (!final) console.log(`${run.runId} is being run by another process; nothing to do.`);
    else
      console.log(
        `${final.runId}: ${n(final.done)} customers analysed in ${final.seconds?.toFixed(1)} s (analyzer ${final.analyzer}, cost $${final.costUsd.toFixed(4)})`,
      );
  } finally {
    await closeEventPublisher();
    await stack.close();
  }
});
