import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { exitWhenDrained } from './exit-when-drained';

/**
 * The load generator of `npm run bench:ingest`, in its own process: `concurrency` clients post batches of `batch`
 * page views to /api/v1/events for `seconds`, or — with `--feed` — post a few events a second for `seconds` while
 * reading the live feed, and measure each event's time from being sent to arriving on the feed. Prints one JSON line.
 */
const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    key: { type: 'string' },
    cookie: { type: 'string' },
    seconds: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    batch: { type: 'string', default: '100' },
    feed: { type: 'boolean', default: false },
  },
});
const base = String(values.base);
const seconds = Number(values.seconds);

const pageView = (n: number) => ({
  eventId: randomUUID(),
  type: 'page_view',
  customerId: `cus_${String(n % 2000).padStart(6, '0')}`,
  sessionId: `ses_${n % 500}`,
  occurredAt: new Date().toISOString(),
  properties: { path: `/p/${n % 150}`, title: 'Product' },
});

async function post(events: object[]): Promise<Response> {
  return fetch(`${base}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': String(values.key) },
    body: JSON.stringify({ events }),
  });
}

async function throughput() {
  const batch = Number(values.batch);
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let accepted = 0;
  let errors = 0;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Number(values.concurrency) }, async () => {
      while (performance.now() < deadline) {
        const events = Array.from({ length: batch }, () => pageView(n++));
        const t0 = performance.now();
        try {
          const response = await post(events);
          const body = (await response.json()) as { accepted?: number };
          if (response.status === 202) {
            accepted += body.accepted ?? 0;
            latencies.push(performance.now() - t0);
          } else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { accepted, errors, latencies, seconds: (performance.now() - started) / 1000 };
}

async function feedLatency() {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/stream/feed?types=page_view`, {
    headers: { cookie: String(values.cookie) },
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error(`the feed answered ${response.status}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      text += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = text.indexOf('\n\n')) !== -1) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const { event } = JSON.parse(data.slice(6)) as { event: { eventId: string } };
        const t0 = sentAt.get(event.eventId);
        if (t0 !== undefined) latencies.push(performance.now() - t0);
      }
    }
  })();
  await new Promise((r) => setTimeout(r, 1_000)); // the feed starts at the stream's tip
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < deadline) {
    const events = Array.from({ length: 10 }, () => pageView(n++));
    const t0 = performance.now();
    for (const e of events) sentAt.set(e.eventId, t0);
    await (await post(events)).arrayBuffer();
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 2_000));
  controller.abort();
  await reading;
  return { sent: sentAt.size, latencies };
}

(values.feed ? feedLatency() : throughput()).then(
  (result) => {
    console.log(JSON.stringify(result));
    return exitWhenDrained(0);
  },
  (error: Error) => {
    console.error(error.message);
    return exitWhenDrained(1);
  },
);
