import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { expectedPurchases, fitBgNbd, pAlive } from '../analysis/models/bgnbd';
import { expectedAverageSpend, fitGammaGamma } from '../analysis/models/gamma-gamma';
import { parseSummaryCsv, SummaryCsvError } from '../analysis/summary-csv';
import { runCli, UsageError } from './run-cli';

/**
 * npm run clv -- --input summary.csv [--horizon 39] [--output json|csv]: fits BG/NBD (and Gamma-Gamma when the file
 * has spend) to a customer-summary CSV and prints the parameters with the log-likelihood, then per customer P(alive),
 * expected purchases in the horizon (same time unit as the file) and expected average spend.
 */
runCli(async () => {
  const { values } = parseArgs({
    options: {
      input: { type: 'string' },
      horizon: { type: 'string', default: '39' },
      output: { type: 'string', default: 'json' },
    },
  });
  if (!values.input) throw new UsageError('Give the summary file: npm run clv -- --input summary.csv');
  const horizon = Number(values.horizon);
  if (!(horizon > 0)) throw new UsageError('--horizon must be a positive number (same unit as the file).');
  if (values.output !== 'json' && values.output !== 'csv') throw new UsageError('--output is json or csv.');
  if (!fs.existsSync(values.input)) throw new UsageError(`No file ${values.input}.`);
  let rows;
  try {
    rows = parseSummaryCsv(fs.readFileSync(values.input, 'utf8'));
  } catch (error) {
    if (error instanceof SummaryCsvError) throw new UsageError(`${values.input}:\n${error.message}`);
    throw error;
  }
  const started = performance.now();
  const fit = fitBgNbd(rows);
  const withSpend = rows.filter((r) => r.monetary !== undefined && r.x > 0 && r.monetary > 0);
  const spend =
    withSpend.length >= 2 ? fitGammaGamma(withSpend.map((r) => ({ x: r.x, mean: r.monetary! }))) : undefined;
  const seconds = (performance.now() - started) / 1000;
  const round = (n: number, d = 4) => Math.round(n * 10 ** d) / 10 ** d;
  const customers = rows.map((r) => ({
    id: r.id,
    pAlive: round(pAlive(fit.params, r)),
    expectedPurchases: round(expectedPurchases(fit.params, r, horizon)),
    ...(spend && spend.params.q > 1
      ? {
          expectedAverageSpend: round(
            expectedAverageSpend(spend.params, { x: r.x, mean: r.monetary ?? 0 }),
            2,
          ),
        }
      : {}),
  }));
  const model = {
    bgnbd: { ...fit.params, logLikelihood: fit.logLikelihood, customers: fit.customers },
    ...(spend
      ? { gammaGamma: { ...spend.params, logLikelihood: spend.logLikelihood, customers: spend.customers } }
      : {}),
    horizon,
    fitSeconds: round(seconds, 2),
  };
  if (values.output === 'json') {
    process.stdout.write(`${JSON.stringify({ model, customers }, null, 2)}\n`);
    return;
  }
  const p = fit.params;
  process.stdout.write(
    `# BG/NBD r=${p.r.toFixed(4)} alpha=${p.alpha.toFixed(4)} a=${p.a.toFixed(4)} b=${p.b.toFixed(4)} ` +
      `log-likelihood=${fit.logLikelihood.toFixed(2)} customers=${fit.customers}\n` +
      (spend
        ? `# Gamma-Gamma p=${spend.params.p.toFixed(4)} q=${spend.params.q.toFixed(4)} gamma=${spend.params.gamma.toFixed(4)} ` +
          `log-likelihood=${spend.logLikelihood.toFixed(2)} customers=${spend.customers}\n`
        : '') +
      `customer_id,p_alive,expected_purchases_${horizon},${spend ? 'expected_average_spend' : ''}\n`.replace(
        /,\n$/,
        '\n',
      ) +
      customers
        .map((c) =>
          [
            c.id,
            c.pAlive,
            c.expectedPurchases,
            ...('expectedAverageSpend' in c ? [c.expectedAverageSpend] : []),
          ].join(','),
        )
        .join('\n') +
      '\n',
  );
});
