import type { FeedEntry } from '@/lib/client/use-live-feed';

/**
 * The feed's memory in the browser: the newest events first, at most `cap` of them, and — while the view is paused —
 * what arrived meanwhile, held back and counted until the view resumes. Pure: one call per flushed batch, never one
 * per message, so React sees a handful of updates a second however fast events come.
 */
export interface FeedState {
  /** While paused the shown rows stay still; new events are held and counted. */
  paused: boolean;
  /** Shown, newest first. */
  rows: FeedEntry[];
  /** Received while paused, newest first (only the newest `cap` are kept). */
  held: FeedEntry[];
  /** How many arrived while paused, including those no longer held. */
  heldCount: number;
  /** Every event received since the feed (re)started with these filters. */
  received: number;
}

export const FEED_CAP = 2_000;

export const EMPTY_FEED: FeedState = { paused: false, rows: [], held: [], heldCount: 0, received: 0 };

/** Newest first, without events already known (a reconnect that resumes may repeat a few). */
function newestFirst(batch: readonly FeedEntry[], known: readonly FeedEntry[][]): FeedEntry[] {
  const seen = new Set<string>();
  for (const list of known) for (const e of list) seen.add(e.event.eventId);
  const fresh: FeedEntry[] = [];
  for (let i = batch.length - 1; i >= 0; i--) {
    const entry = batch[i]!;
    if (seen.has(entry.event.eventId)) continue;
    seen.add(entry.event.eventId);
    fresh.push(entry);
  }
  return fresh;
}

/** A batch in arrival order (oldest first) into the buffer: shown at once, or held while paused. */
export function receiveBatch(state: FeedState, batch: readonly FeedEntry[], cap = FEED_CAP): FeedState {
  if (batch.length === 0) return state;
  const fresh = newestFirst(batch, [state.rows, state.held]);
  if (fresh.length === 0) return state;
  const received = state.received + fresh.length;
  if (state.paused)
    return {
      ...state,
      held: [...fresh, ...state.held].slice(0, cap),
      heldCount: state.heldCount + fresh.length,
      received,
    };
  return { ...state, rows: [...fresh, ...state.rows].slice(0, cap), received };
}

export const pauseFeed = (state: FeedState): FeedState => (state.paused ? state : { ...state, paused: true });

/** Shows what was held, on top, and lets new events in again. */
export function resumeFeed(state: FeedState, cap = FEED_CAP): FeedState {
  if (!state.paused) return state;
  return {
    ...state,
    paused: false,
    rows: [...state.held, ...state.rows].slice(0, cap),
    held: [],
    heldCount: 0,
  };
}

/** "12 new events" while paused ("1 new event"); beyond the cap it says only the newest are kept. */
export function heldLabel(state: FeedState, cap = FEED_CAP): string {
  const n = state.heldCount;
  const base = `${n.toLocaleString('en')} new ${n === 1 ? 'event' : 'events'}`;
  return n > cap ? `${base} (the newest ${cap.toLocaleString('en')} will be shown)` : base;
}
