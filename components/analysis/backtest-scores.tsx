import type { StoredBacktest } from '@/lib/client/use-backtests';
import { brierRows, valueRows, windowRows, type ScoreRow } from './backtest-score-rows';

function ScoreTable({
  caption,
  rows,
  unit,
  extraHeads = [],
  testId,
}: {
  caption: string;
  rows: readonly ScoreRow[];
  unit: string;
  extraHeads?: readonly string[];
  testId: string;
}) {
  return (
    <table className="table score-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Forecast</th>
          {extraHeads.map((h) => (
            <th key={h} scope="col" className="num">
              {h}
            </th>
          ))}
          <th scope="col">{unit}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={r.baseline ? 'baseline' : 'model'} data-method={r.id}>
            <th scope="row">{r.label}</th>
            {r.extra.map((e, i) => (
              <td key={i} className="num">
                {e}
              </td>
            ))}
            <td>
              <span
                className="score-bar"
                style={{ width: `${Math.max(2, r.barPct * 0.7)}%` }}
                aria-hidden="true"
              />
              <span className="score-value">{r.value}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The backtest's proper scores, each forecast beside naive baselines from the same history: what the models add.
 * Backtests stored before these scores existed show a note instead.
 */
export function BacktestScores({ backtest }: { backtest: StoredBacktest }) {
  const { score } = backtest;
  const windows = windowRows(score);
  const value = valueRows(score);
  if (!value)
    return (
      <p className="muted" data-testid="backtest-scores-missing">
        This backtest was run before the proper scores; run a new one to compare the models with naive
        baselines.
      </p>
    );
  const h = score.horizonDays.toLocaleString('en');
  return (
    <div className="backtest-scores" data-testid="backtest-scores">
      <p>
        Scored on <strong>{score.window?.from}</strong> to <strong>{score.window?.to}</strong>. Shorter bars
        are better, except for the share of spend found.
      </p>
      {windows && score.windows ? (
        <>
          <p data-testid="backtest-windows-verdict">
            <strong>{windows.verdict}</strong>
          </p>
          <ScoreTable
            caption={`Next-purchase windows: ${score.windows.purchases.toLocaleString('en')} purchases of a category within ${h} days, of ${score.windows.pairs.toLocaleString('en')} windows. The interval score is the width plus 10× any miss, in days: a window cannot win by being wide.`}
            rows={windows.rows}
            unit="Interval score"
            extraHeads={['Held', 'Median width']}
            testId="backtest-windows"
          />
        </>
      ) : (
        <p className="muted" data-testid="backtest-windows-none">
          No next-purchase window to score: nobody had bought a category twice by the cut-off, or nobody
          bought one again within {h} days.
        </p>
      )}
      {score.categoryPurchase ? (
        <ScoreTable
          caption={`Buys the category within ${h} days (${score.categoryPurchase.count.toLocaleString('en')} windows; Brier score, 0 perfect, 0.25 a coin toss)`}
          rows={brierRows(score.categoryPurchase)}
          unit="Brier score"
          testId="backtest-category-brier"
        />
      ) : null}
      <ScoreTable
        caption={`Buys again within ${h} days (${score.repeat!.count.toLocaleString('en')} customers; Brier score)`}
        rows={brierRows(score.repeat)}
        unit="Brier score"
        testId="backtest-repeat-brier"
      />
      <ScoreTable
        caption={`Orders in ${h} days: average error per customer`}
        rows={value.orders}
        unit="Error"
        testId="backtest-orders-error"
      />
      <ScoreTable
        caption={`Spend in ${h} days: average error per customer`}
        rows={value.spend}
        unit="Error"
        testId="backtest-spend-error"
      />
      <ScoreTable
        caption={`Share of the ${h} days' spend by the top 10 % of customers as each forecast ranks them (longer is better)`}
        rows={value.capture}
        unit="Share found"
        testId="backtest-capture"
      />
    </div>
  );
}
