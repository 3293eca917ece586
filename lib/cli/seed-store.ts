import { seedDemoExperiment } from '../experiments/demo/seed-demo-experiment';
import { getConfig } from '../config';
import { readSeedState } from '../seed/seed-state';
import { recomputeSegments } from '../analysis/segments/recompute-segments';
import { writeDataset, type SeedSummary } from '../seed/write-dataset';
import { formatMoney } from '../money/currency';
import { storeDay, storeDayStart } from '../time/store-time';

/**
 * Seeds with progress lines about every 10%. The end of the window is the start of the store's today (midnight in
 * STORE_TIMEZONE) unless given. A seed that
 * was interrupted is finished with its own parameters, whatever is asked now, so two datasets never mix.
 */
export async function seedStore(
  options: { customers?: number; seed?: string; end?: Date } = {},
  log: (line: string) => void = console.log,
): Promise<SeedSummary> {
  const config = getConfig();
  const interrupted = readSeedState(config.dataDir);
  if (interrupted?.status === 'in_progress') {
    log(`finishing an interrupted seed (${interrupted.customers} customers, seed "${interrupted.seed}")`);
    options = { customers: interrupted.customers, seed: interrupted.seed, end: new Date(interrupted.end) };
  }
  const customers = options.customers ?? config.SEED_CUSTOMERS;
  const end =
    options.end ?? storeDayStart(storeDay(new Date(), config.STORE_TIMEZONE), config.STORE_TIMEZONE);
  const step = Math.max(1, Math.ceil(customers / 10));
  let nextReport = step;
  log(
    `seeding ${customers.toLocaleString('en')} customers, two years of orders up to ${storeDay(end, config.STORE_TIMEZONE)}…`,
  );
  const summary = await writeDataset({
    seed: options.seed ?? config.SEED,
    customers,
    end,
    dataDir: config.dataDir,
    onProgress: (p) => {
      if (p.customers >= nextReport || p.customers === p.of) {
        log(
          `  ${p.customers.toLocaleString('en')}/${p.of.toLocaleString('en')} customers, ${p.orders.toLocaleString('en')} orders`,
        );
        nextReport = p.customers + step;
      }
    },
  });
  log(
    `seeded ${summary.customers.toLocaleString('en')} customers, ${summary.orders.toLocaleString('en')} orders, ` +
      `${summary.products} products, ${formatMoney(summary.revenueMinor, config.STORE_CURRENCY, 'en', { whole: true })} ` +
      `revenue in ${summary.seconds.toFixed(1)} s (ground truth: ${summary.truthFile})`,
  );
  const segments = await recomputeSegments();
  log(
    `scored ${segments.scored.toLocaleString('en')} customers into RFM segments in ${segments.seconds.toFixed(1)} s ` +
      `(${segments.refused.toLocaleString('en')} do not allow personalization)`,
  );
  // A running experiment with four weeks of history, so the Experiments pages have something true to show.
  await seedDemoExperiment(end, log);
  return summary;
}
