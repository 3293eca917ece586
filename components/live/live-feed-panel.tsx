'use client';
import Link from 'next/link';
import { memo } from 'react';
import type { FeedEntry, FeedStatus } from '@/lib/client/use-live-feed';
import { MASKED_HINT, describeEvent, eventTime } from './event-format';
import { FEED_CAP, heldLabel, type FeedState } from './feed-buffer';
import { typesLabel, type LiveFilter } from './feed-filter';
import { FeedToolbar } from './feed-toolbar';
import { VirtualList } from './virtual-list';
import { useStoreUnits } from '@/components/shell/store-units';

const ROW_HEIGHT = 40;
const VIEW_HEIGHT = 440;

function ConnectionBadge({ status, paused }: { status: FeedStatus; paused: boolean }) {
  const state = paused ? 'paused' : status.connection;
  const text =
    state === 'paused'
      ? 'Paused'
      : state === 'live'
        ? 'Live'
        : state === 'connecting'
          ? 'Connecting…'
          : status.retryAt
            ? `Reconnecting (attempt ${status.failures + 1}, backing off)`
            : 'Reconnecting…';
  return (
    <span
      className={`conn-badge conn-${state}`}
      data-testid="feed-connection"
      data-state={state}
      role="status"
    >
      <span className="conn-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

function Customer({ entry }: { entry: FeedEntry }) {
  // The reason is said in the details column beside it: "masked (no personalization consent)".
  if (entry.masked)
    return (
      <span className="feed-customer masked" title={MASKED_HINT}>
        {entry.customer}
      </span>
    );
  return (
    <Link className="feed-customer" href={`/customers/${encodeURIComponent(entry.customer)}`}>
      {entry.customer}
    </Link>
  );
}

function FeedRow({ entry }: { entry: FeedEntry }) {
  const details = describeEvent(entry);
  const { timeZone } = useStoreUnits();
  return (
    <div className="feed-row" data-testid="feed-row" data-event-id={entry.event.eventId}>
      <time className="feed-time" dateTime={entry.event.occurredAt}>
        {eventTime(entry.event.occurredAt, timeZone)}
      </time>
      <span className={`type-badge type-${entry.event.type}`} data-testid="feed-type">
        {entry.event.type}
      </span>
      <Customer entry={entry} />
      <span className="feed-details" title={details}>
        {details}
      </span>
    </div>
  );
}

const keyOf = (entry: FeedEntry) => `${entry.id}:${entry.event.eventId}`;
const renderRow = (entry: FeedEntry) => <FeedRow entry={entry} />;

/** The live feed: filters, connection state, pause/resume and a windowed list of the newest events. */
export const LiveFeedPanel = memo(function LiveFeedPanel({
  feed,
  status,
  filter,
  onFilter,
  onPause,
  onResume,
}: {
  feed: FeedState;
  status: FeedStatus;
  filter: LiveFilter;
  onFilter: (next: LiveFilter) => void;
  onPause: () => void;
  onResume: () => void;
}) {
  const { timeZone } = useStoreUnits();
  return (
    <section className="card" aria-labelledby="feed-heading">
      <header className="card-header">
        <h2 id="feed-heading">Live feed</h2>
        <div className="feed-controls">
          <ConnectionBadge status={status} paused={feed.paused} />
          {feed.paused ? (
            <>
              <span className="held-count" data-testid="feed-held" aria-live="polite">
                {heldLabel(feed)}
              </span>
              <button type="button" onClick={onResume}>
                Resume
              </button>
            </>
          ) : (
            <button type="button" onClick={onPause}>
              Pause
            </button>
          )}
        </div>
      </header>
      <FeedToolbar filter={filter} onChange={onFilter} />
      {status.notice ? (
        <p className="muted" role="status">
          Reconnected: {status.notice}.
        </p>
      ) : null}
      <p className="muted feed-summary" data-testid="feed-received">
        {feed.received.toLocaleString('en')} {feed.received === 1 ? 'event' : 'events'} received since this
        view opened · showing the newest {Math.min(feed.rows.length, FEED_CAP).toLocaleString('en')} (at most{' '}
        {FEED_CAP.toLocaleString('en')}) · {typesLabel(filter.types)}
        {filter.segment ? ` · segment ${filter.segment}` : ''}
        {filter.customer ? ` · customer ${filter.customer}` : ''} · newest on top · times in {timeZone}
      </p>
      {feed.rows.length ? (
        <VirtualList
          items={feed.rows}
          rowHeight={ROW_HEIGHT}
          height={VIEW_HEIGHT}
          getKey={keyOf}
          renderRow={renderRow}
          label="Live events, newest first"
          testId="feed-list"
        />
      ) : (
        <div
          className="empty feed-empty"
          role="status"
          data-testid="feed-empty"
          style={{ height: VIEW_HEIGHT }}
        >
          {status.connection === 'live'
            ? feed.paused
              ? 'Paused before any event arrived.'
              : 'Waiting for events… they appear here the moment the storefront sends them.'
            : 'Connecting to the live feed…'}
        </div>
      )}
    </section>
  );
});
