import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as feedRoute } from '@/app/api/v1/stream/feed/route';
import { EVENT_EXAMPLES, type PulseEvent } from '@/lib/events';
import { allConsentStates } from '@/lib/privacy/consent/consent-states';
import { putTombstone } from '@/lib/privacy/erasure/tombstones';
import { writeDataset } from '@/lib/seed/write-dataset';
import { getFeedTailer, resetFeedTailer } from '@/lib/live/feed/feed-tailer';
import { request, sessionCookie } from './support/http';
import { NOTICE, putConsent } from './support/consent';
import { producer } from './support/stream-kit';
import { useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');

interface Frame {
  id?: string;
  event?: string;
  data?: { customer: string; masked: boolean; event: PulseEvent };
}

const ev = (type: 'page_view' | 'add_to_cart' | 'search', customerId: string): PulseEvent =>
  ({
    ...EVENT_EXAMPLES[type],
    eventId: randomUUID(),
    customerId,
    sessionId: `ses_${customerId}`,
    occurredAt: new Date().toISOString(),
    receivedAt: new Date().toISOString(),
  }) as PulseEvent;

async function publish(events: PulseEvent[]) {
  const p = producer();
  for (const e of events) await p.send(e.customerId, JSON.stringify(e));
  await p.close();
}

/** Opens the feed and reads its frames as they come. */
async function openFeed(query: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await feedRoute(request(`/api/v1/stream/feed${query}`, { headers }));
  const frames: Frame[] = [];
  if (response.status === 200) {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = text.indexOf('\n\n')) !== -1) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          if (!block.startsWith('id:') && !block.startsWith('event:')) continue;
          const frame: Frame = {};
          for (const line of block.split('\n')) {
            const [key, ...rest] = line.split(': ');
            const value = rest.join(': ');
            if (key === 'id') frame.id = value;
            if (key === 'event') frame.event = value;
            if (key === 'data') frame.data = JSON.parse(value) as Frame['data'];
          }
          frames.push(frame);
        }
      }
    })();
    controller.signal.addEventListener('abort', () => void reader.cancel());
  }
  return { response, frames, close: () => controller.abort() };
}

async function until(check: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the live feed (Server-Sent Events)', () => {
  const stack = useTestStack();
  afterAll(() => resetFeedTailer());
  const allowed: string[] = [];
  const refused: string[] = [];

  it('streams new events within a second, filtered by type, masking who does not allow personalization', async () => {
    await writeDataset({ seed: 'feed', customers: 30, end: END, dataDir: stack().dataDir });
    const consent = await allConsentStates();
    for (let i = 0; i < 30; i++) {
      const id = `cus_${String(i).padStart(6, '0')}`;
      (consent.stateOf(id).personalization ? allowed : refused).push(id);
    }
    const cookie = await sessionCookie('marketing');
    const feed = await openFeed('?types=page_view,add_to_cart', { cookie });
    expect(feed.response.status).toBe(200);
    expect(feed.response.headers.get('content-type')).toContain('text/event-stream');
    // No wait: the feed answers once it reads from the stream's tip, so nothing sent from now on is missed.
    const sentAt = Date.now();
    await publish([ev('page_view', allowed[0]!), ev('search', allowed[1]!), ev('add_to_cart', refused[0]!)]);
    await until(() => feed.frames.length >= 2, 5_000, 'two events on the feed');
    const latency = Date.now() - sentAt;
    await new Promise((r) => setTimeout(r, 400));
    feed.close();
    expect(feed.frames.map((f) => f.data?.event.type)).toEqual(['page_view', 'add_to_cart']);
    const [mine, theirs] = feed.frames;
    expect(mine!.data).toMatchObject({ customer: allowed[0], masked: false });
    expect(theirs!.data!.masked).toBe(true);
    expect(theirs!.data!.customer).toMatch(/^masked [0-9a-f]{8}$/);
    expect(JSON.stringify(theirs)).not.toContain(refused[0]!);
    expect(latency).toBeLessThan(3_000);
  });

  it('resumes after Last-Event-ID with what was missed', async () => {
    const cookie = await sessionCookie('marketing');
    const first = await openFeed('?types=page_view', { cookie });
    await new Promise((r) => setTimeout(r, 300));
    await publish([ev('page_view', allowed[0]!)]);
    await until(() => first.frames.length >= 1, 5_000, 'the first event');
    const lastId = first.frames.at(-1)!.id!;
    first.close();
    await publish([ev('page_view', allowed[1]!)]); // while disconnected
    await new Promise((r) => setTimeout(r, 800));
    const again = await openFeed('?types=page_view', { cookie, 'last-event-id': lastId });
    await until(() => again.frames.length >= 1, 5_000, 'the missed event');
    again.close();
    expect(again.frames[0]!.data!.customer).toBe(allowed[1]);
    expect(Number(again.frames[0]!.id)).toBeGreaterThan(Number(lastId));
    // A client reconnecting by itself passes the id as a parameter instead.
    const byQuery = await openFeed(`?types=page_view&lastEventId=${lastId}`, { cookie });
    await until(() => byQuery.frames.length >= 1, 5_000, 'the missed event, asked by parameter');
    byQuery.close();
    expect(byQuery.frames[0]!.data!.customer).toBe(allowed[1]);
  });

  it('masks a shopper within seconds of withdrawing personalization', async () => {
    const cookie = await sessionCookie('marketing');
    const feed = await openFeed('?types=page_view', { cookie });
    await new Promise((r) => setTimeout(r, 300));
    const customerId = allowed[2]!;
    const withdrawnAt = Date.now();
    const withdrawn = await putConsent(customerId, {
      purposes: { personalization: false },
      policyVersion: '2026-11',
      notice: NOTICE,
    });
    expect(withdrawn.status).toBe(200);
    await publish([ev('page_view', customerId)]);
    await until(() => feed.frames.length >= 1, 5_000, 'the event');
    feed.close();
    expect(feed.frames[0]!.data!.masked).toBe(true);
    expect(JSON.stringify(feed.frames[0])).not.toContain(customerId);
    expect(Date.now() - withdrawnAt).toBeLessThan(5_000);
  });

  it('masks a replayed event of a shopper who withdrew after it was first sent', async () => {
    const cookie = await sessionCookie('marketing');
    const customerId = allowed[3]!;
    const feed = await openFeed('?types=page_view', { cookie });
    await new Promise((r) => setTimeout(r, 300));
    await publish([ev('page_view', customerId)]);
    await until(() => feed.frames.length >= 1, 5_000, 'the event');
    feed.close();
    expect(feed.frames[0]!.data!.masked).toBe(false);
    const id = Number(feed.frames[0]!.id);
    await putConsent(customerId, {
      purposes: { personalization: false },
      policyVersion: '2026-11',
      notice: NOTICE,
    });
    const replay = await openFeed('?types=page_view', { cookie, 'last-event-id': String(id - 1) });
    await until(() => replay.frames.length >= 1, 5_000, 'the replayed event');
    replay.close();
    expect(Number(replay.frames[0]!.id)).toBe(id);
    expect(replay.frames[0]!.data!.masked).toBe(true);
    expect(JSON.stringify(replay.frames[0])).not.toContain(customerId);
  });

  it('forgets an erased shopper’s held events within seconds', async () => {
    const cookie = await sessionCookie('marketing');
    const customerId = allowed[4]!;
    const feed = await openFeed('?types=page_view', { cookie });
    await publish([ev('page_view', customerId)]);
    await until(() => feed.frames.length >= 1, 5_000, 'the event');
    expect(getFeedTailer().holds(customerId)).toBe(true);
    await putTombstone(customerId, 'req_test_erasure', new Date().toISOString());
    const erasedAt = Date.now();
    await until(() => !getFeedTailer().holds(customerId), 8_000, 'the held event to be dropped');
    feed.close();
    expect(Date.now() - erasedAt).toBeLessThan(8_000);
  });

  it('refuses before streaming: no session, a role without the Live page, bad filters', async () => {
    const anonymous = await openFeed('');
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.response.headers.get('content-type')).toContain('application/problem+json');
    const privacy = await openFeed('', { cookie: await sessionCookie('privacy') });
    expect(privacy.response.status).toBe(403);
    const bad = await openFeed('?types=page_view,nonsense', { cookie: await sessionCookie('marketing') });
    expect(bad.response.status).toBe(400);
    const badId = await openFeed('?lastEventId=yesterday', { cookie: await sessionCookie('marketing') });
    expect(badId.response.status).toBe(400);
    expect(await badId.response.text()).toContain('must be the numeric id of the last event received');
  });
});
