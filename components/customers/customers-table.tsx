import Link from 'next/link';
import type { CustomerView } from '@/lib/customers/customer';
import type { CustomerSort } from '@/lib/customers/list-customers';
import { formatMoney } from '@/lib/money/currency';
import { ariaSort, type CustomerListFilter } from '@/lib/customers/customer-list-params';
import { dayLabel, nameCell } from './customer-format';
import { SegmentBadge } from './segment-badge';

/** An e-mail can be long: cut with an ellipsis (whole on hover), so the other columns keep one line each. */
const STAND_IN_STYLE = { display: 'inline-block', maxWidth: '26ch', verticalAlign: 'bottom' } as const;

function NameCell({ customer }: { customer: CustomerView }) {
  const name = nameCell(customer);
  if (!name.standIn) return <>{name.text}</>;
  return (
    <span className="muted id-cell" style={STAND_IN_STYLE} title={name.text}>
      {name.text}
    </span>
  );
}

const ARROWS = { ascending: '↑', descending: '↓', none: '↕' } as const;

function SortHeader({
  column,
  label,
  filter,
  onSort,
}: {
  column: CustomerSort;
  label: string;
  filter: CustomerListFilter;
  onSort: (column: CustomerSort) => void;
}) {
  const sort = ariaSort(filter, column);
  return (
    <th scope="col" aria-sort={sort}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}{' '}
        <span aria-hidden="true" className={sort === 'none' ? 'sort-arrow idle' : 'sort-arrow'}>
          {ARROWS[sort]}
        </span>
      </button>
    </th>
  );
}

export function CustomersTable({
  customers,
  filter,
  masked,
  currency,
  onSort,
}: {
  customers: CustomerView[];
  /** The store's currency, as the API says (the column header names it). */
  currency: string;
  filter: CustomerListFilter;
  masked: boolean;
  onSort: (column: CustomerSort) => void;
}) {
  return (
    <table className="table customers-table" data-testid="customers-table">
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Name{masked ? ' (masked for your role)' : ''}</th>
          <th scope="col">Segment</th>
          <SortHeader column="orderCount" label="Orders" filter={filter} onSort={onSort} />
          <SortHeader
            column="totalSpent"
            label={`Total spent (${currency})`}
            filter={filter}
            onSort={onSort}
          />
          <SortHeader column="lastOrderAt" label="Last order" filter={filter} onSort={onSort} />
          <SortHeader column="createdAt" label="Customer since" filter={filter} onSort={onSort} />
        </tr>
      </thead>
      <tbody>
        {customers.map((c) => (
          <tr key={c.customerId} data-testid="customer-row">
            <td>
              <Link href={`/customers/${encodeURIComponent(c.customerId)}`} data-testid="customer-id">
                {c.customerId}
              </Link>
            </td>
            <td data-testid="customer-name">
              <NameCell customer={c} />
            </td>
            <td className="nowrap">
              <SegmentBadge segment={c.segment} />
            </td>
            <td className="num" data-testid="customer-orders">
              {c.orderCount.toLocaleString('en')}
            </td>
            <td className="num" data-testid="customer-total">
              {formatMoney(c.totalSpentMinor, c.currency)}
            </td>
            <td className="nowrap">{dayLabel(c.lastOrderAt, c.timeZone)}</td>
            <td className="nowrap">{dayLabel(c.createdAt, c.timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
