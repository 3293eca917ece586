import type { CustomerView } from '@/lib/customers/customer';
import { formatMoney } from '@/lib/money/currency';
import { dayLabel, daysAgoLabel, daysSince, ordersLabel } from './customer-format';
import { SegmentBadge } from './segment-badge';

const RFM = [
  { key: 'recency', letter: 'R', name: 'Recency' },
  { key: 'frequency', letter: 'F', name: 'Frequency' },
  { key: 'monetary', letter: 'M', name: 'Monetary' },
] as const;

/** "R 4 · F 3 · M 5": each letter names its dimension on hover and for screen readers. */
function RfmScores({ rfm }: { rfm: NonNullable<CustomerView['rfm']> }) {
  return (
    <span className="rfm" data-testid="rfm-scores">
      {RFM.map((d, i) => (
        <span key={d.key}>
          {i > 0 ? <span aria-hidden="true"> · </span> : null}
          <span className="rfm-score" title={`${d.name} score ${rfm[d.key]} of 5`}>
            <abbr title={d.name}>{d.letter}</abbr> <strong>{rfm[d.key]}</strong>
          </span>
        </span>
      ))}
    </span>
  );
}

export function CustomerProfile({ customer: c, now }: { customer: CustomerView; now: Date }) {
  const lastDays = c.lastOrderAt ? daysSince(c.lastOrderAt, now) : undefined;
  return (
    <section className="card">
      <header className="card-header">
        <h2>Profile</h2>
        <SegmentBadge segment={c.segment} />
      </header>
      <dl className="profile" data-testid="customer-profile">
        <dt>Customer id</dt>
        <dd>
          <code>{c.customerId}</code>
        </dd>
        <dt>Name</dt>
        <dd>
          {c.displayName || <span className="muted">—</span>}{' '}
          {c.masked && c.displayName ? <span className="muted">(masked for your role)</span> : null}
        </dd>
        {c.email ? (
          <>
            <dt>Email</dt>
            <dd>{c.email}</dd>
          </>
        ) : null}
        {c.city ? (
          <>
            <dt>City</dt>
            <dd>
              {c.postcode} {c.city}
            </dd>
          </>
        ) : null}
        <dt>Customer since</dt>
        <dd>{dayLabel(c.createdAt, c.timeZone)}</dd>
        <dt>Orders</dt>
        <dd data-testid="profile-orders">{ordersLabel(c.orderCount)}</dd>
        <dt>Total spent</dt>
        <dd data-testid="profile-total">
          {formatMoney(c.totalSpentMinor, c.currency)}
          {c.orderCount > 0 ? (
            <span className="muted">
              {' '}
              · {formatMoney(Math.round(c.totalSpentMinor / c.orderCount), c.currency)} per order
            </span>
          ) : null}
        </dd>
        <dt>Last order</dt>
        <dd>
          {c.lastOrderAt ? (
            <>
              {dayLabel(c.lastOrderAt, c.timeZone)}
              {lastDays !== undefined ? <span className="muted"> · {daysAgoLabel(lastDays)}</span> : null}
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>Segment</dt>
        <dd>
          <SegmentBadge segment={c.segment} />
        </dd>
        <dt>RFM scores</dt>
        <dd>
          {c.rfm ? (
            <>
              <RfmScores rfm={c.rfm} /> <span className="muted">(each 1–5, 5 = best)</span>
            </>
          ) : (
            <span className="muted">
              {c.orderCount > 0
                ? 'not scored (no personalization consent, or segments not computed yet)'
                : 'not scored yet (no orders)'}
            </span>
          )}
        </dd>
      </dl>
    </section>
  );
}
