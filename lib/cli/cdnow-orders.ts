import fs from 'node:fs';
import { parse } from 'csv-parse';
import { parseArgs } from 'node:util';
import { CDNOW_ORDERS_HEADER, cdnowOrderLine, NotCdnowRowError } from '../imports/cdnow-orders';
import { runCli, UsageError } from './run-cli';

const HELP = `Usage: npm run cdnow:orders -- --input cdnow_transactions.csv --output orders.csv

Turns the public CDNOW sample's transactions (columns Id, Date, CDs, Price: one row per purchase, in US dollars) into
the import's canonical line-item CSV, one order per row (order id cdnow-<Id>-<row>, customer cdnow-<Id>, one line of
SKU CD in category music), for measuring the models on real data (docs/analysis.md): import it into a store in USD,
then run npm run backtest. Several purchases on one day are one trip to the models, as any store's are.`;

runCli(async () => {
  const { values } = parseArgs({
    options: { input: { type: 'string' }, output: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return console.log(HELP);
  if (!values.input || !values.output)
    throw new UsageError('--input and --output are required (see --help).');
  if (!fs.existsSync(values.input)) throw new UsageError(`No file ${values.input}.`);
  const out = fs.createWriteStream(values.output);
  out.write(`${CDNOW_ORDERS_HEADER}\n`);
  let rows = 0;
  const customers = new Set<string>();
  for await (const row of fs.createReadStream(values.input).pipe(parse({ columns: true, bom: true }))) {
    const record = row as Record<string, string>;
    try {
      out.write(`${cdnowOrderLine(record, rows)}\n`);
    } catch (error) {
      throw error instanceof NotCdnowRowError ? new UsageError(error.message) : error;
    }
    customers.add(record.Id!);
    rows++;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  console.log(
    `${rows.toLocaleString('en')} orders of ${customers.size.toLocaleString('en')} customers → ${values.output}`,
  );
});
