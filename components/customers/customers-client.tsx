'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useOptimistic, useTransition } from 'react';
import type { CustomerSort } from '@/lib/customers/list-customers';
import { useCustomers, type InitialCustomerPage } from '@/lib/client/use-customers';
import {
  nextSort,
  noMatchMessage,
  parseCustomerListFilter,
  toCustomerListSearch,
  type CustomerListFilter,
} from '@/lib/customers/customer-list-params';
import { CustomersTable } from './customers-table';
import { CustomersToolbar } from './customers-toolbar';

/** The customer list: the view lives in the URL, the first page comes from the server, more pages on demand. */
export function CustomersClient({ initial, masked }: { initial: InitialCustomerPage; masked: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filter = useMemo(
    () =>
      parseCustomerListFilter({
        // get() takes the first of repeated parameters, as the server page does.
        q: searchParams.get('q') ?? undefined,
        segment: searchParams.get('segment') ?? undefined,
        sort: searchParams.get('sort') ?? undefined,
        order: searchParams.get('order') ?? undefined,
      }),
    [searchParams],
  );
  // The URL (and with it the data) changes once the server has rendered the new view; the controls show the
  // requested view at once, and the next click builds on it rather than on the view still in the URL.
  const [requested, setRequested] = useOptimistic(filter);
  const [navigating, startTransition] = useTransition();
  const navigate = useCallback(
    (next: CustomerListFilter) =>
      startTransition(() => {
        setRequested(next);
        router.replace(`${pathname}${toCustomerListSearch(next)}`, { scroll: false });
      }),
    [router, pathname, setRequested],
  );
  const onSort = useCallback(
    (column: CustomerSort) => navigate(nextSort(requested, column)),
    [navigate, requested],
  );

  const query = useCustomers(filter, initial);
  const pages = query.data?.pages ?? [];
  const customers = pages.flatMap((p) => p.customers);
  const total = pages[0]?.total;
  const currency = pages[0]?.currency ?? initial.page.currency;
  const busy = navigating || query.isPlaceholderData;

  return (
    <>
      <CustomersToolbar filter={requested} masked={masked} onChange={navigate} />
      <section className="card" aria-busy={busy}>
        <header className="card-header">
          <h2 data-testid="customer-count">
            {total === undefined
              ? 'Customers'
              : `${total.toLocaleString('en')} ${total === 1 ? 'customer' : 'customers'}`}
          </h2>
          <span className="muted">
            {total ? `showing ${customers.length.toLocaleString('en')} of ${total.toLocaleString('en')}` : ''}
            {busy ? ' · updating…' : ''}
          </span>
        </header>
        {query.error ? (
          <p className="error" role="alert">
            Could not load customers: {query.error.message}
          </p>
        ) : null}
        {query.isPending && !query.error ? <p className="muted">Loading customers…</p> : null}
        {query.isSuccess && customers.length === 0 ? (
          <div className="empty" role="status" data-testid="customers-empty">
            {noMatchMessage(filter, masked)}
          </div>
        ) : null}
        {customers.length > 0 ? (
          <div className={busy ? 'table-scroll stale' : 'table-scroll'}>
            <CustomersTable
              customers={customers}
              filter={requested}
              masked={masked}
              currency={currency}
              onSort={onSort}
            />
          </div>
        ) : null}
        {query.hasNextPage ? (
          <div className="load-more">
            <button
              type="button"
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage || busy}
            >
              {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          </div>
        ) : null}
      </section>
    </>
  );
}
