import { parseArgs } from 'node:util';
import { backtestRequestSchema, runBacktest } from '../analysis/backtest/run-backtest';
import type { CalibrationBin } from '../analysis/backtest/score-backtest';
import { openStack } from '../aws/stack';
import { getConfig } from '../config';
import { DomainError } from '../errors/domain-error';
import { addDays, storeDay } from '../time/store-time';
import { runCli, UsageError } from './run-cli';
import { bindStoreUnits } from '../overview/bind-store-units';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function printCalibration(title: string, bins: readonly CalibrationBin[], brier: number): void {
  console.log(`\n${title} (Brier score ${brier}; 0 is perfect, 0.25 is a coin toss)`);
  console.log('  predicted     customers   mean predicted   observed');
  for (const b of bins.filter((x) => x.customers))
    console.log(
      `  ${pct(b.from).padStart(7)}–${pct(b.to).padEnd(7)} ${String(b.customers).padStart(9)}   ${pct(b.meanPredicted).padStart(14)}   ${pct(b.observed).padStart(8)}`,
    );
}

/**
 * npm run backtest -- [--cutoff YYYY-MM-DD] [--horizon 90]: cuts the order history at the cut-off (default: the
 * horizon before today), fits the models on what was known then, and scores their predictions for the horizon
 * against what happened. Stored like the dashboard's backtests.
 */
runCli(async () => {
  const { values } = parseArgs({
    options: { cutoff: { type: 'string' }, horizon: { type: 'string', default: '90' } },
  });
  const horizonDays = Number(values.horizon);
  // The store's days, as the backtest counts them.
  const cutoff = values.cutoff ?? addDays(storeDay(new Date(), getConfig().STORE_TIMEZONE), -horizonDays);
  const parsed = backtestRequestSchema.safeParse({ cutoff, horizonDays });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const stack = await openStack();
  await bindStoreUnits(); // the store's currency and zone, when this process was not given them
  try {
    let result;
    try {
      result = await runBacktest(parsed.data, 'cli');
    } catch (error) {
      // A cut-off the data cannot support: a sentence for the person who chose it, not a stack.
      if (error instanceof DomainError) throw new UsageError(error.message);
      throw error;
    }
    const s = result.score;
    console.log(
      `backtest ${result.runId}: cut at ${s.cutoff}, ${s.horizonDays}-day horizon, ${s.customers} customers (${result.seconds} s)`,
    );
    const { r, alpha, a, b } = s.model.bg;
    console.log(
      `  BG/NBD fitted at the cut: r ${r.toFixed(3)}, α ${alpha.toFixed(3)}, a ${a.toFixed(3)}, b ${b.toFixed(3)}`,
    );
    console.log(
      `  purchases in the horizon: predicted ${s.purchases.predicted}, actual ${s.purchases.actual}; ` +
        `MAE per customer ${s.purchases.mae} (naive past-rate baseline ${s.purchases.baselineMae})`,
    );
    console.log(
      `  next category: hit rate ${pct(s.nextCategory.hitRate)} of ${s.nextCategory.customers} returning customers; ` +
        `80 % intervals held the next purchase ${pct(s.nextCategory.intervalCoverage)} of ${s.nextCategory.intervals} times`,
    );
    printCalibration(
      'P(buys again within the horizon) against what happened',
      s.repeatCalibration,
      s.repeatBrier,
    );
    if (s.aliveCalibration && s.aliveBrier !== undefined)
      printCalibration(
        `P(alive) at the cut against the seed's ground truth`,
        s.aliveCalibration,
        s.aliveBrier,
      );
    else console.log('\n(no seed ground truth in DATA_DIR/seed: P(alive) is not scored against truth)');
  } finally {
    await stack.close();
  }
});
