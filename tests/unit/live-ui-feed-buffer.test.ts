import { describe, expect, it } from 'vitest';
import { EMPTY_FEED, heldLabel, pauseFeed, receiveBatch, resumeFeed } from '@/components/live/feed-buffer';
import type { FeedEntry } from '@/lib/client/use-live-feed';

const entry = (id: number): FeedEntry => ({
  id,
  customer: `cus_${String(id).padStart(6, '0')}`,
  masked: false,
  event: {
    eventId: `evt-${id}`,
    type: 'page_view',
    customerId: `cus_${String(id).padStart(6, '0')}`,
    occurredAt: '2026-11-24T10:00:00.000Z',
    receivedAt: '2026-11-24T10:00:00.100Z',
    source: 'storefront',
    properties: { path: '/' },
  },
});
const batch = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
const ids = (rows: FeedEntry[]) => rows.map((r) => r.id);

describe('the feed buffer', () => {
  it('shows the newest on top and keeps only the newest `cap`', () => {
    let state = receiveBatch(EMPTY_FEED, batch(1, 3), 5);
    expect(ids(state.rows)).toEqual([3, 2, 1]);
    state = receiveBatch(state, batch(4, 7), 5);
    expect(ids(state.rows)).toEqual([7, 6, 5, 4, 3]);
    expect(state.received).toBe(7);
  });

  it('holds what arrives while paused, counts it, and shows it on top when resumed', () => {
    let state = receiveBatch(EMPTY_FEED, batch(1, 2), 5);
    state = pauseFeed(state);
    state = receiveBatch(state, batch(3, 4), 5);
    state = receiveBatch(state, batch(5, 5), 5);
    expect(ids(state.rows)).toEqual([2, 1]); // the view stands still
    expect(state.heldCount).toBe(3);
    expect(heldLabel(state)).toBe('3 new events');
    state = resumeFeed(state, 5);
    expect(ids(state.rows)).toEqual([5, 4, 3, 2, 1]);
    expect(state).toMatchObject({ paused: false, heldCount: 0, held: [] });
  });

  it('counts every event received while paused, but holds only the newest `cap`', () => {
    let state = pauseFeed(EMPTY_FEED);
    state = receiveBatch(state, batch(1, 8), 3);
    expect(state.heldCount).toBe(8);
    expect(ids(state.held)).toEqual([8, 7, 6]);
    expect(heldLabel(state, 3)).toBe('8 new events (the newest 3 will be shown)');
    expect(heldLabel(receiveBatch(pauseFeed(EMPTY_FEED), batch(1, 1)))).toBe('1 new event');
  });

  it('does not show an event twice when a reconnect repeats it', () => {
    let state = receiveBatch(EMPTY_FEED, batch(1, 3));
    state = receiveBatch(state, [entry(3), entry(4), entry(4)]);
    expect(ids(state.rows)).toEqual([4, 3, 2, 1]);
    expect(state.received).toBe(4);
  });

  it('returns the same state for nothing new, so React skips the render', () => {
    const state = receiveBatch(EMPTY_FEED, batch(1, 2));
    expect(receiveBatch(state, [])).toBe(state);
    expect(resumeFeed(state)).toBe(state);
    expect(pauseFeed(pauseFeed(state))).toEqual(pauseFeed(state));
  });
});
