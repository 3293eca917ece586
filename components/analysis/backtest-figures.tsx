import type { StoredBacktest } from '@/lib/client/use-backtests';
import { baselineComparison, brier, count, perCustomer, shareOf, totalDifference } from './backtest-format';
import { percent } from './insight-format';
import { durationLabel } from './run-format';

/** The headline scores of one backtest, each with its unit and one line on what it means for marketing. */
export function BacktestFigures({ backtest }: { backtest: StoredBacktest }) {
  const { score } = backtest;
  const h = score.horizonDays;
  const { purchases, nextCategory } = score;
  const hasAlive = score.aliveBrier !== undefined && score.aliveCustomers !== undefined;
  return (
    <dl className="profile backtest-figures" data-testid="backtest-figures">
      <dt>Purchases in {count(h)} days</dt>
      <dd data-testid="backtest-purchases">
        <strong>
          {purchases.predicted.toLocaleString('en')} predicted · {count(purchases.actual)} actual
        </strong>{' '}
        purchases ({totalDifference(purchases.predicted, purchases.actual)})
        <span className="muted">
          The models&apos; expected total for all customers after the cut-off, against what they really
          bought.
        </span>
      </dd>
      <dt>Error per customer</dt>
      <dd data-testid="backtest-mae">
        <strong>{perCustomer(purchases.mae)}</strong> off on average, against{' '}
        {perCustomer(purchases.baselineMae)} for the baseline:{' '}
        {baselineComparison(purchases.mae, purchases.baselineMae)}
        <span className="muted">
          How far the prediction missed a typical customer&apos;s purchases, compared with assuming everyone
          keeps buying at their past rate.
        </span>
      </dd>
      <dt>Brier score, buys again</dt>
      <dd data-testid="backtest-brier-repeat">
        <strong>{brier(score.repeatBrier)}</strong> (0 is perfect, 0.25 a coin toss)
        <span className="muted">
          How close each customer&apos;s predicted chance of buying again within {count(h)} days came to what
          happened.
        </span>
      </dd>
      <dt>Brier score, P(alive)</dt>
      <dd data-testid="backtest-brier-alive">
        {hasAlive ? (
          <>
            <strong>{brier(score.aliveBrier)}</strong> over {count(score.aliveCustomers ?? 0)} customers
            <span className="muted">
              How well the chance that a customer was still active at the cut-off matched who the demo data
              generator really had still active.
            </span>
          </>
        ) : (
          <span className="muted">
            Not measured: only the seeded demo data knows who was really still active.
          </span>
        )}
      </dd>
      <dt>Next category</dt>
      <dd data-testid="backtest-hit-rate">
        {nextCategory.customers > 0 ? (
          <strong>{shareOf(nextCategory.hitRate, nextCategory.customers, ['customer', 'customers'])}</strong>
        ) : (
          <strong>—</strong>
        )}
        <span className="muted">
          How often the category we expected a customer to need first was in their first basket after the
          cut-off.
        </span>
      </dd>
      <dt>80% intervals held</dt>
      <dd data-testid="backtest-coverage">
        {nextCategory.intervals > 0 ? (
          <>
            <strong>
              {shareOf(nextCategory.intervalCoverage, nextCategory.intervals, ['prediction', 'predictions'])}
            </strong>
            , target {percent(0.8)}
          </>
        ) : (
          <strong>—</strong>
        )}
        <span className="muted">
          How often a category&apos;s predicted window for the next purchase held the real day; near 80% means
          the windows on customer pages can be trusted.
        </span>
      </dd>
      <dt>Customers</dt>
      <dd data-testid="backtest-customers">
        <strong>{count(score.customers)}</strong> customers
        <span className="muted">
          Had bought by the cut-off and allow personalization; the models were fitted on them alone.
        </span>
      </dd>
      <dt>Time taken</dt>
      <dd data-testid="backtest-seconds">
        <strong>{durationLabel(backtest.seconds)}</strong>
        <span className="muted">To fit the models on the cut history and score every customer.</span>
      </dd>
    </dl>
  );
}
