'use client';
import Link from 'next/link';
import { memo, useEffect, useState } from 'react';
import type { ActiveShoppers } from '@/lib/client/use-live-active';
import { MASKED_HINT, agoLabel, money } from './event-format';

/**
 * Shoppers with an open session: how many, and the newest 100 with their cart (in the store's currency) and when
 * they were last seen.
 */
export const ActiveShoppersPanel = memo(function ActiveShoppersPanel({
  data,
  error,
  serverNow,
}: {
  data: ActiveShoppers | undefined;
  error: string | undefined;
  /** The server's clock at first paint, so server and browser render the same "ago" labels. */
  serverNow: number;
}) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  const shoppers = data?.shoppers ?? [];
  const masked = shoppers.filter((s) => s.masked).length;

  return (
    <section className="card" aria-labelledby="active-heading">
      <header className="card-header">
        <h2 id="active-heading">Active shoppers</h2>
        <span className="muted">open sessions: an event in the last 30 minutes</span>
      </header>
      {error ? (
        <p className="error" role="alert">
          Could not read the active shoppers: {error}
        </p>
      ) : null}
      <div className="stat active-count" data-testid="active-count">
        <div className="stat-value">
          {data ? `${data.active.toLocaleString('en')} ${data.active === 1 ? 'shopper' : 'shoppers'}` : '–'}
        </div>
        <div className="stat-hint">
          {data && data.active > shoppers.length ? `newest ${shoppers.length} listed · ` : ''}
          {masked ? `${masked} masked (no personalization consent)` : 'none masked'}
        </div>
      </div>
      {shoppers.length ? (
        <div className="active-scroll">
          <table className="table active-table" data-testid="active-shoppers">
            <thead>
              <tr>
                <th scope="col">Shopper</th>
                <th scope="col" className="num">
                  Cart
                </th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {shoppers.map((s) => (
                <tr key={s.label} data-testid="active-shopper">
                  <td>
                    {s.masked || !s.customerId ? (
                      <span className="masked" title={MASKED_HINT}>
                        {s.label}
                      </span>
                    ) : (
                      <Link href={`/customers/${encodeURIComponent(s.customerId)}`}>{s.customerId}</Link>
                    )}
                    {s.purchased ? <span className="badge bought">bought</span> : null}
                    {s.masked ? <div className="muted">no personalization consent</div> : null}
                  </td>
                  <td className="num">{money(s.cartValueMinor, data?.currency)}</td>
                  <td>
                    <time dateTime={s.lastEventAt} title={s.lastEventAt}>
                      {agoLabel(s.lastEventAt, now)}
                    </time>
                    <div className="muted">
                      {s.lastType} · {s.sessionEvents.toLocaleString('en')}{' '}
                      {s.sessionEvents === 1 ? 'event' : 'events'}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : data ? (
        <p className="muted" data-testid="active-empty">
          Nobody is shopping right now.
        </p>
      ) : null}
      <p className="muted">
        Cart values in {data?.currency ?? 'the store’s currency'}; masked shoppers show their session&rsquo;s
        numbers only.
      </p>
    </section>
  );
});
