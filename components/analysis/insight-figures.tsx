import type { Insight } from '@/lib/analysis/insight-store';
import { clvLabel, expectedOrdersLabel, money, percent } from './insight-format';

const RISK_LABEL = { low: 'Low', medium: 'Medium', high: 'High' } as const;

/** "High risk · 72%": the level colours the badge, the probability says how sure. */
function ChurnBadge({ numbers }: { numbers: Insight['numbers'] }) {
  return (
    <span className={`risk-badge risk-${numbers.churnLevel}`} data-testid="insight-churn">
      {RISK_LABEL[numbers.churnLevel]} risk · {percent(numbers.churnProbability)}
    </span>
  );
}

/** The models' numbers for one customer, each with its unit and, where the model gives one, its interval. */
export function InsightFigures({ numbers: n }: { numbers: Insight['numbers'] }) {
  return (
    <dl className="profile insight-figures" data-testid="insight-figures">
      <dt title="BG/NBD model: the probability the customer has not silently stopped buying">P(alive)</dt>
      <dd data-testid="insight-p-alive">
        <strong>{percent(n.pAlive)}</strong>{' '}
        <span className="muted">chance the customer is still active</span>
      </dd>
      <dt>Expected orders</dt>
      <dd data-testid="insight-orders">
        {expectedOrdersLabel(n.expectedOrders30d)} in 30 days · {expectedOrdersLabel(n.expectedOrders90d)} in
        90 days
      </dd>
      <dt title="Gamma-Gamma model: the customer's own average shrunk toward the population's">
        Average order
      </dt>
      <dd>{money(n.averageOrder, n.currency)} expected per order</dd>
      <dt title="Discounted customer lifetime value, with its interval from posterior simulation">
        Lifetime value
      </dt>
      <dd data-testid="insight-clv">{clvLabel(n.clv, n.currency)}</dd>
      <dt title="Probability of no order within 1.5 × the customer's usual gap">Churn risk</dt>
      <dd>
        <ChurnBadge numbers={n} />
      </dd>
    </dl>
  );
}
