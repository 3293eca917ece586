import Link from 'next/link';
import type { CustomerView } from '@/lib/customers/customer';
import type { CustomerSort } from '@/lib/customers/list-customers';
import { formatMoney } from '@/lib/money/currency';
import { ariaSort, type CustomerListFilter } from '@/lib/customers/customer-list-params';
import { dayLabel } from './customer-format';
import { SegmentBadge } from './segment-badge';

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
            <td data-testid="customer-name">{c.displayName}</td>
            <td>
              <SegmentBadge segment={c.segment} />
            </td>
            <td className="num" data-testid="customer-orders">
              {c.orderCount.toLocaleString('en')}
            </td>
            <td className="num" data-testid="customer-total">
              {formatMoney(c.totalSpentMinor, c.currency)}
            </td>
            <td>{dayLabel(c.lastOrderAt, c.timeZone)}</td>
            <td>{dayLabel(c.createdAt, c.timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
