'use client';
import { useEffect, useState } from 'react';
import { SEGMENT_NAMES, isSegmentName } from '@/lib/analysis/segments/segments';
import { normaliseQuery, type CustomerListFilter } from '@/lib/customers/customer-list-params';

const DEBOUNCE_MS = 300;

/** What the box invites: what search matches for this reader, without suggesting one shop's id format. */
const searchPlaceholder = (masked: boolean) => (masked ? 'Customer id' : 'Name, e-mail or customer id');

/**
 * Search box (debounced) and segment filter. The URL is the truth: the box keeps its own text while the reader
 * types and follows the URL when something else changes it (the sidebar link, a shared address).
 */
export function CustomersToolbar({
  filter,
  masked,
  onChange,
}: {
  filter: CustomerListFilter;
  masked: boolean;
  onChange: (next: CustomerListFilter) => void;
}) {
  const [text, setText] = useState(filter.q);
  // The search this box last asked for, and the last one seen in the URL. The URL lags behind a request (the server
  // renders the new view first), so only a URL change to something this box did not ask for replaces the text.
  const [sentQ, setSentQ] = useState(filter.q);
  const [seenQ, setSeenQ] = useState(filter.q);
  if (filter.q !== seenQ) {
    setSeenQ(filter.q);
    if (filter.q !== sentQ) {
      setSentQ(filter.q);
      setText(filter.q);
    }
  }

  useEffect(() => {
    const q = normaliseQuery(text);
    if (q === sentQ) return;
    const timer = setTimeout(() => {
      setSentQ(q);
      onChange({ ...filter, q });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, sentQ, filter, onChange]);

  const onSegment = (value: string) => {
    const q = normaliseQuery(text);
    setSentQ(q);
    onChange({ ...filter, q, segment: isSegmentName(value) ? value : '' });
  };

  return (
    <div className="toolbar" role="search">
      <label className="toolbar-search">
        Search customers
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={searchPlaceholder(masked)}
          aria-describedby="customer-search-hint"
          maxLength={100}
          autoComplete="off"
        />
      </label>
      <label>
        Segment
        <select value={filter.segment} onChange={(e) => onSegment(e.target.value)}>
          <option value="">All segments</option>
          {SEGMENT_NAMES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <p id="customer-search-hint" className="muted toolbar-hint">
        {masked
          ? 'Names are masked for your role, so search matches customer ids only.'
          : 'Search matches customer id, name or email.'}
      </p>
    </div>
  );
}
