import { parseArgs } from 'node:util';
import { storeDayStart } from '../time/store-time';
import { openStack } from '../aws/stack';
import { getConfig } from '../config';
import { dropTables } from '../db/drop-tables';
import { isSeeded } from '../seed/is-seeded';
import { clearSeedState } from '../seed/seed-state';
import { prepareStore } from './prepare-store';
import { runCli, UsageError } from './run-cli';
import { seedStore } from './seed-store';

const HELP = `Usage: npm run seed -- [--customers N] [--seed TEXT] [--end YYYY-MM-DD] [--reset]

Generates the deterministic demo grocery business (products, customers, two years of orders) and stores it.
Attaches to a running npm start on the same DATA_DIR, or starts the embedded stack itself.
  --customers N   how many customers (default SEED_CUSTOMERS, 2000); e.g. 100000 for benchmarks
  --seed TEXT     PRNG seed (default SEED); the same seed and end date give the same data
  --end DATE      the window ends at the start of this day in STORE_TIMEZONE (default today)
  --reset         embedded mode only: delete every table's data first (a store that holds data is refused otherwise)`;

runCli(async () => {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string' },
      seed: { type: 'string' },
      end: { type: 'string' },
      reset: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return console.log(HELP);
  const customers = values.customers === undefined ? undefined : Number(values.customers);
  if (customers !== undefined && (!Number.isInteger(customers) || customers < 1 || customers > 1_000_000)) {
    throw new UsageError(`--customers must be a whole number from 1 to 1000000 (got "${values.customers}").`);
  }
  if (values.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.end)) {
    throw new UsageError(`--end must be a date like 2026-11-24 (got "${values.end}").`);
  }
  if (values.end !== undefined && Number.isNaN(Date.parse(`${values.end}T00:00:00Z`)))
    throw new UsageError(`--end is not a real date: ${values.end}.`);
  const end = values.end ? storeDayStart(values.end, getConfig().STORE_TIMEZONE) : undefined;
  const stack = await openStack();
  try {
    await prepareStore(console.log, { recordUnits: true });
    if (values.reset) {
      if (!getConfig().EMBEDDED) throw new UsageError('--reset is refused outside embedded mode.');
      console.log('deleting all tables…');
      await dropTables();
      clearSeedState(getConfig().dataDir);
      await prepareStore(console.log, { recordUnits: true });
    } else if (await isSeeded()) {
      throw new UsageError(
        'The store already holds data; seeding over it would mix two datasets. Use a fresh DATA_DIR, or --reset ' +
          '(embedded mode only) to delete all data first.',
      );
    }
    await seedStore({ customers, seed: values.seed, end });
  } finally {
    await stack.close();
  }
});
