'use client';
import { useEffect, useRef, useState } from 'react';

/** An event as the feed sends it; a masked shopper's has customerId 'masked', no session and no properties. */
export interface FeedEvent {
  eventId: string;
  type: string;
  customerId: string;
  sessionId?: string;
  occurredAt: string;
  receivedAt: string;
  source: string;
  properties: Record<string, unknown>;
}

/** One `event` message of `GET /api/v1/stream/feed`, with the feed's id. */
export interface FeedEntry {
  id: number;
  /** The customer id, or their masked label ("masked 1a2b3c4d"). */
  customer: string;
  masked: boolean;
  event: FeedEvent;
}

export type FeedConnection = 'connecting' | 'live' | 'reconnecting';

export interface FeedStatus {
  connection: FeedConnection;
  /** Failed attempts in a row (0 while live). */
  failures: number;
  /** When the next attempt of our own is due (ms since epoch); absent while the browser retries by itself. */
  retryAt?: number;
  /**
   * Since when (ms since epoch, browser clock) every event of this feed has been received: the first connection,
   * or the last one after a gap (a fresh connection, or the server saying the missed events are gone).
   */
  completeSince: number | null;
  /** The server's word after a gap it could not fill. */
  notice?: string;
}

/** Batches reach React at most this often, however fast messages come. */
const FEED_FLUSH_MS = 250;
/** …or sooner when this many are waiting (a background tab's timers may run once a minute). */
const FLUSH_AT = 5_000;
/** The browser reconnects by itself (resuming after Last-Event-ID); after this many failures in a row we back off. */
const BROWSER_RETRIES = 3;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

/** 1 s, 2 s, 4 s … up to 30 s after the browser's own retries have failed. */
function backoffMs(failures: number): number {
  const n = Math.max(0, failures - BROWSER_RETRIES);
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** n);
}

function parseEntry(data: string, lastEventId: string): FeedEntry | undefined {
  try {
    const body = JSON.parse(data) as Partial<FeedEntry>;
    if (typeof body.customer !== 'string' || !body.event || typeof body.event.eventId !== 'string') return;
    return {
      id: Number(lastEventId) || 0,
      customer: body.customer,
      masked: body.masked === true,
      event: body.event,
    };
  } catch {
    return undefined;
  }
}

/**
 * The live feed over Server-Sent Events at `url` (null: closed). Messages are collected as they come and handed to
 * `onBatch` (with the address they came from) in arrival order a few times a second — never one React update per message. The browser's EventSource
 * reconnects by itself and resumes after the last id; when that keeps failing (or the server refused outright, which
 * closes the source) the feed is reopened with exponential backoff. A new `url` starts a new feed.
 */
export function useLiveFeed(
  url: string | null,
  onBatch: (batch: FeedEntry[], url: string) => void,
): FeedStatus {
  const deliver = useRef(onBatch);
  useEffect(() => {
    deliver.current = onBatch;
  }, [onBatch]);
  // Keyed by url, so a new feed reads as "connecting" without resetting state inside the effect.
  const [state, setState] = useState<FeedStatus & { url: string | null }>({
    url,
    connection: 'connecting',
    failures: 0,
    completeSince: null,
  });

  useEffect(() => {
    if (!url) return;
    let source: EventSource | undefined;
    let pending: FeedEntry[] = [];
    let failures = 0;
    let fresh = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const update = (change: Partial<FeedStatus>) =>
      setState((s) => ({
        ...(s.url === url ? s : { connection: 'connecting', failures: 0, completeSince: null }),
        url,
        ...change,
      }));
    const flush = () => {
      if (!pending.length) return;
      const batch = pending;
      pending = [];
      deliver.current(batch, url);
    };
    const timer = setInterval(flush, FEED_FLUSH_MS);

    const connect = () => {
      const es = new EventSource(url);
      source = es;
      fresh = true;
      es.onopen = () => {
        failures = 0;
        // A browser reconnect resumes after Last-Event-ID (a `reset` says when it could not); a new source cannot.
        update({
          connection: 'live',
          failures: 0,
          retryAt: undefined,
          ...(fresh ? { completeSince: Date.now(), notice: undefined } : {}),
        });
        fresh = false;
      };
      es.addEventListener('event', (message: MessageEvent<string>) => {
        const entry = parseEntry(message.data, message.lastEventId);
        if (!entry) return;
        pending.push(entry);
        if (pending.length >= FLUSH_AT) flush();
      });
      es.addEventListener('reset', (message: MessageEvent<string>) => {
        flush();
        let reason = 'some events were missed while reconnecting';
        try {
          reason = (JSON.parse(message.data) as { reason?: string }).reason ?? reason;
        } catch {
          // keep the default
        }
        update({ completeSince: Date.now(), notice: reason });
      });
      es.onerror = () => {
        failures++;
        if (es.readyState !== EventSource.CLOSED && failures < BROWSER_RETRIES) {
          update({ connection: 'reconnecting', failures, retryAt: undefined });
          return;
        }
        es.close();
        const wait = backoffMs(failures);
        update({ connection: 'reconnecting', failures, retryAt: Date.now() + wait });
        retry = setTimeout(connect, wait);
      };
    };
    connect();
    return () => {
      clearInterval(timer);
      clearTimeout(retry);
      source?.close();
      pending = [];
    };
  }, [url]);

  if (state.url !== url) return { connection: 'connecting', failures: 0, completeSince: null };
  return state;
}
