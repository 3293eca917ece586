import { parseArgs } from 'node:util';
import { backtestRequestSchema, runBacktest } from '../analysis/backtest/run-backtest';
import type { BacktestScore, CalibrationBin } from '../analysis/backtest/score-backtest';
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

const num = (v: number, digits = 2) => v.toLocaleString('en', { maximumFractionDigits: digits });

/** The proper scores, each next to its naive baselines: what the models add. */
function printProperScores(s: BacktestScore): void {
  if (s.window) console.log(`\nscored on ${s.window.from} to ${s.window.to}`);
  const w = s.windows;
  if (w) {
    console.log(
      `\nnext-purchase windows (${pct(w.coverage)}): ${num(w.purchases, 0)} purchases of a category within the horizon, ` +
        `of ${num(w.pairs, 0)} customer–category windows at the cut`,
    );
    console.log(
      '  method                                          coverage   median width   interval score   median width, all windows',
    );
    for (const m of w.methods)
      console.log(
        `  ${m.label.padEnd(46)} ${pct(m.coverage).padStart(8)}   ${`${num(m.medianWidth, 1)} d`.padStart(12)}   ${`${num(m.intervalScore, 1)} d`.padStart(14)}   ${`${num(m.medianWidthShown, 1)} d`.padStart(25)}`,
      );
    console.log(
      '  (interval score: width plus 10× any miss, in days; lower is better. All windows: every window at the cut, bought or not)',
    );
  }
  for (const [title, p] of [
    ['P(buys the category within the horizon)', s.categoryPurchase],
    ['P(buys again within the horizon)', s.repeat],
  ] as const) {
    if (!p) continue;
    console.log(`\n${title}: ${num(p.count, 0)} ${p.population}; ${pct(p.observed)} did`);
    for (const m of p.methods) console.log(`  Brier ${m.brier.toFixed(4).padStart(7)}  ${m.label}`);
  }
  const v = s.value;
  if (v) {
    console.log(
      `\norders and spend in the horizon, ${num(v.customers, 0)} customers (mean absolute error per customer)`,
    );
    for (const m of v.orders) console.log(`  orders ${num(m.mae, 3).padStart(8)}        ${m.label}`);
    for (const m of v.spend)
      console.log(`  spend  ${`${num(m.mae, 2)} ${v.currency}`.padStart(14)}  ${m.label}`);
    console.log("share of the horizon's spend by the top 10 % of customers, ranked by");
    for (const m of v.topDecile)
      console.log(`  ${(m.capture === null ? '—' : pct(m.capture)).padStart(7)}  ${m.label}`);
  }
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
  const stack = await openStack();
  try {
    await bindStoreUnits(); // the store's currency and zone, when this process was not given them
    // The store's days, as the backtest counts them (its zone is known once bound).
    const cutoff = values.cutoff ?? addDays(storeDay(new Date(), getConfig().STORE_TIMEZONE), -horizonDays);
    const parsed = backtestRequestSchema.safeParse({ cutoff, horizonDays });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
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
    printProperScores(s);
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
