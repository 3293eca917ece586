import { parseArgs } from 'node:util';
import { openStack } from '../aws/stack';
import { prepareStore } from './prepare-store';
import { runCli, UsageError } from './run-cli';
import { seedStore } from './seed-store';

const HELP = `Usage: npm run seed -- [--customers N] [--seed TEXT] [--end YYYY-MM-DD]

Generates the deterministic demo grocery business (products, customers, two years of orders) and stores it.
Attaches to a running npm start on the same DATA_DIR, or starts the embedded stack itself.
  --customers N   how many customers (default SEED_CUSTOMERS, 2000); e.g. 100000 for benchmarks
  --seed TEXT     PRNG seed (default SEED); the same seed and end date give the same data
  --end DATE      last day of the two-year window (default today, UTC)`;

runCli(async () => {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string' },
      seed: { type: 'string' },
      end: { type: 'string' },
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
  const end = values.end ? new Date(`${values.end}T00:00:00Z`) : undefined;
  if (end && Number.isNaN(end.getTime())) throw new UsageError(`--end is not a real date: ${values.end}.`);
  const stack = await openStack();
  try {
    await prepareStore(console.log);
    await seedStore({ customers, seed: values.seed, end });
  } finally {
    await stack.close();
  }
});
