'use client';
import { useState } from 'react';
import { EVENT_TYPES, type EventType } from '@/lib/events/event-types';
import { SEGMENT_NAMES, isSegmentName } from '@/lib/analysis/segments/segments';
import { CUSTOMER_ID_PATTERN, NO_FILTER, normaliseTypes, typesLabel, type LiveFilter } from './feed-filter';

/** The feed's filters: event types, segment and customer id. Each change opens a new feed with them. */
export function FeedToolbar({
  filter,
  onChange,
}: {
  filter: LiveFilter;
  onChange: (next: LiveFilter) => void;
}) {
  // The customer box is applied on Enter or when it loses focus, not per keystroke (each change reopens the feed).
  const [draft, setDraft] = useState({ for: filter.customer, text: filter.customer });
  const text = draft.for === filter.customer ? draft.text : filter.customer;
  const invalid = text.trim() !== '' && !CUSTOMER_ID_PATTERN.test(text.trim());
  const applyCustomer = () => {
    const customer = text.trim();
    if (invalid || customer === filter.customer) return;
    onChange({ ...filter, customer });
  };
  const toggleType = (type: EventType, on: boolean) => {
    const next = on ? [...filter.types, type] : filter.types.filter((t) => t !== type);
    // None ticked means every type (as does every one ticked): the feed has no "nothing".
    onChange({ ...filter, types: normaliseTypes(next) });
  };
  const filtered = filter.types.length > 0 || filter.segment !== '' || filter.customer !== '';

  return (
    <div className="toolbar live-toolbar" role="group" aria-label="Feed filters">
      <details className="type-picker">
        <summary data-testid="type-picker-summary">Event types: {typesLabel(filter.types)}</summary>
        <fieldset>
          <legend className="muted">Show events of these types (none ticked: all)</legend>
          {EVENT_TYPES.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={filter.types.includes(type)}
                onChange={(e) => toggleType(type, e.target.checked)}
              />
              {type}
            </label>
          ))}
        </fieldset>
      </details>
      <label>
        Segment
        <select
          value={filter.segment}
          onChange={(e) =>
            onChange({ ...filter, segment: isSegmentName(e.target.value) ? e.target.value : '' })
          }
        >
          <option value="">All segments</option>
          {SEGMENT_NAMES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Customer id
        <input
          type="search"
          value={text}
          placeholder="e.g. cus_000042"
          aria-invalid={invalid}
          aria-describedby={invalid ? 'customer-filter-error' : undefined}
          onChange={(e) => setDraft({ for: filter.customer, text: e.target.value })}
          onBlur={applyCustomer}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyCustomer();
          }}
        />
      </label>
      {filtered ? (
        <button type="button" className="link-button" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      ) : null}
      {invalid ? (
        <p className="field-error toolbar-hint" id="customer-filter-error" role="alert">
          A customer id is 1–64 letters, digits, _ or -.
        </p>
      ) : null}
      {filter.segment || filter.customer ? (
        <p className="muted toolbar-hint">
          Masked shoppers (without personalization consent) never match a segment or customer filter.
        </p>
      ) : null}
    </div>
  );
}
