'use client';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiFetch, type ApiProblem } from '@/lib/client/api-fetch';
import type { CustomerView } from '@/lib/customers/customer';
import { formatEur } from '@/lib/overview/to-chart-rows';

export function CustomerLookup() {
  const [customerId, setCustomerId] = useState<string | null>(null);
  const query = useQuery<{ customer: CustomerView }, ApiProblem>({
    queryKey: ['customer', customerId],
    queryFn: () => apiFetch(`/api/v1/customers/${encodeURIComponent(customerId ?? '')}`),
    enabled: customerId !== null,
    retry: false,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('customerId') ?? '').trim();
    if (value) setCustomerId(value);
  };
  const c = query.data?.customer;
  return (
    <section className="card">
      <form className="inline-form" onSubmit={onSubmit}>
        <label>
          Customer id <input name="customerId" placeholder="cus_000042" required />
        </label>
        <button type="submit">Look up</button>
      </form>
      {query.isFetching ? <p className="muted">Loading…</p> : null}
      {query.error ? <p className="error">{query.error.message}</p> : null}
      {c ? (
        <dl className="profile" data-testid="customer-profile">
          <dt>Name</dt>
          <dd>
            {c.displayName} {c.masked ? <span className="muted">(masked for your role)</span> : null}
          </dd>
          {c.email ? (
            <>
              <dt>Email</dt>
              <dd>{c.email}</dd>
              <dt>City</dt>
              <dd>
                {c.postcode} {c.city}
              </dd>
            </>
          ) : null}
          <dt>Customer since</dt>
          <dd>{c.createdAt.slice(0, 10)}</dd>
          <dt>Orders</dt>
          <dd>{c.orderCount.toLocaleString('en')}</dd>
          <dt>Total spent</dt>
          <dd>{formatEur(c.totalSpentMinor, 2)}</dd>
          <dt>Last order</dt>
          <dd>{c.lastOrderAt?.slice(0, 10) ?? '—'}</dd>
        </dl>
      ) : null}
    </section>
  );
}
