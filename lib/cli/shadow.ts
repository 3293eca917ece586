import { parseArgs } from 'node:util';
import { analyzerConfigSchema, type AnalyzerConfig } from '../analysis/analyzers/analyzer-config';
import { openStack } from '../aws/stack';
import { getConfig } from '../config';
import { runShadow, SHADOW_METRICS } from '../experiments/shadow/run-shadow';
import { addDays, storeDay } from '../time/store-time';
import { runCli, UsageError } from './run-cli';
import { bindStoreUnits } from '../overview/bind-store-units';

/** "statistical", "statistical:0.9" (window coverage), "bedrock:haiku", "bedrock:sonnet[:insight-v1]". */
function parseConfig(text: string, flag: string): AnalyzerConfig {
  const [provider, first, second] = text.split(':');
  const raw =
    provider === 'statistical'
      ? { provider, ...(first ? { nextPurchaseCoverage: Number(first) } : {}) }
      : { provider, model: first, ...(second ? { promptVersion: second } : {}) };
  const parsed = analyzerConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(
      `--${flag} ${text}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'analyzer'} ${i.message}`).join('; ')} ` +
        '(e.g. statistical, statistical:0.9, bedrock:haiku)',
    );
  return parsed.data;
}

const fmt = (v: number | null, metric: string) =>
  v === null
    ? '—'
    : metric === 'accuracy' || metric === 'schema_valid'
      ? `${(v * 100).toFixed(1)} %`
      : metric === 'cost_usd'
        ? `$${v.toFixed(5)}`
        : metric === 'interval_score'
          ? `${v.toFixed(2)} d`
          : `${v.toFixed(2)} ms`;

/** A difference: of shares in percentage points, otherwise in the metric's unit. */
const gap = (v: number, metric: string) =>
  metric === 'accuracy' || metric === 'schema_valid'
    ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} pp`
    : fmt(v, metric);

/**
 * npm run shadow -- --a statistical --b statistical:0.9 [--cutoff YYYY-MM-DD] [--limit N]: a shadow run — two
 * analyzer configs on the same customer snapshots, compared pair by pair (lib/experiments/shadow/run-shadow.ts).
 * The default cut-off is 60 days ago, so most predicted windows have closed. Prints; stores nothing.
 */
runCli(async () => {
  const { values } = parseArgs({
    options: {
      a: { type: 'string', default: 'statistical' },
      b: { type: 'string', default: 'statistical:0.9' },
      cutoff: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const a = parseConfig(values.a, 'a');
  const b = parseConfig(values.b, 'b');
  if (values.cutoff !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.cutoff))
    throw new UsageError('--cutoff must be a day as YYYY-MM-DD.');
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 10))
    throw new UsageError('--limit must be a whole number of customers, at least 10.');
  const stack = await openStack();
  try {
    await bindStoreUnits(); // the store's currency and zone, when this process was not given them
    // The store's day 60 days back (its zone is known once bound).
    const cutoff = values.cutoff ?? addDays(storeDay(new Date(), getConfig().STORE_TIMEZONE), -60);
    let report;
    try {
      report = await runShadow({ a, b, cutoff, limit });
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
    console.log(
      `shadow run: A = ${report.a}, B = ${report.b}, the same ${report.customers} customers as of ${report.cutoff} (${report.seconds.toFixed(1)} s)`,
    );
    console.log(
      `  ${'metric'.padEnd(13)} ${'pairs'.padStart(6)} ${'A'.padStart(11)} ${'B'.padStart(11)}   A − B (95 % interval), paired t-test`,
    );
    for (const m of SHADOW_METRICS) {
      const r = report.metrics[m];
      const t = r.test;
      const diff =
        t.status === 'ok'
          ? `${gap(t.difference.estimate, m)} (${gap(t.difference.lower, m)} to ${gap(t.difference.upper, m)}), p ${t.difference.pValue < 0.001 ? '< 0.001' : t.difference.pValue.toFixed(3)}`
          : t.reason;
      console.log(
        `  ${m.padEnd(13)} ${String(r.pairs).padStart(6)} ${fmt(r.meanA, m).padStart(11)} ${fmt(r.meanB, m).padStart(11)}   ${diff}`,
      );
    }
  } finally {
    await stack.close();
  }
});
