import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { getConfig } from '../config';
import { buildCatalog } from '../seed/catalog';
import { createPrng } from '../math/prng';
import { simulateSession, type SimOrder, type SimStep } from './simulate/storefront-session';
import { runCli, UsageError } from './run-cli';

const TICK_MS = 100;
const MAX_BATCH = 500;

interface Stats {
  sent: number;
  accepted: number;
  rejected: number;
  orders: number;
  errors: number;
}

/**
 * npm run simulate -- [--rate 20] [--duration 60] [--url URL] [--key KEY] [--customers N] [--seed S]: storefront
 * traffic against a running Customer Pulse through its public API, as a storefront sends it — visits of the seeded
 * customers (browse, search, cart, checkout) posted to /api/v1/events in batches, purchases placed through
 * /api/v1/orders. `--rate` is events per second over all visits (they overlap, with human gaps inside each);
 * `--duration 0` runs until Ctrl-C. Prints what was sent and what the API made of it every 5 s (`--quiet`: 5 min).
 */
runCli(async () => {
  const config = getConfig();
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '20' },
      duration: { type: 'string', default: '60' },
      url: { type: 'string', default: config.publicUrl },
      key: { type: 'string', default: config.DEMO_API_KEY },
      customers: { type: 'string', default: String(config.SEED_CUSTOMERS) },
      seed: { type: 'string', default: 'simulate' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const rate = Number(values.rate);
  const duration = Number(values.duration);
  const customers = Number(values.customers);
  if (!(rate > 0 && rate <= 100_000)) throw new UsageError('--rate must be events per second, above 0.');
  if (!(duration >= 0)) throw new UsageError('--duration must be seconds (0: until Ctrl-C).');
  if (!Number.isInteger(customers) || customers < 1)
    throw new UsageError('--customers must be a whole number ≥ 1.');
  const base = values.url.replace(/\/+$/, '');
  const headers = { 'x-api-key': values.key, 'content-type': 'application/json' };

  const rng = createPrng(values.seed);
  const products = buildCatalog().products;
  const visit = () =>
    simulateSession(
      rng,
      `cus_${String(rng.int(0, customers - 1)).padStart(6, '0')}`,
      randomUUID(),
      products,
      config.STORE_CURRENCY,
    );
  // Visits per second to reach the event rate: from the mean size of a sample of visits.
  const sample = Array.from({ length: 200 }, visit);
  const eventsPerVisit =
    sample.reduce((s, v) => s + v.filter((x) => x.kind === 'event').length, 0) / sample.length;
  const visitsPerSecond = rate / eventsPerVisit;

  const pending: { at: number; step: SimStep }[] = [];
  const stats: Stats = { sent: 0, accepted: 0, rejected: 0, orders: 0, errors: 0 };
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  let pauseUntil = 0;

  const postEvents = async (events: Record<string, unknown>[]) => {
    const response = await fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ events }),
    });
    if (response.status === 429)
      pauseUntil = Date.now() + Number(response.headers.get('retry-after') ?? 1) * 1000;
    if (response.status !== 202) {
      stats.errors += events.length;
      if (stats.errors <= events.length)
        console.error(`✖ POST /events: ${response.status} ${await response.text()}`);
      return;
    }
    const body = (await response.json()) as { accepted: number; dropped: number };
    stats.accepted += body.accepted;
    stats.rejected += body.dropped;
  };
  const postOrder = async (order: SimOrder) => {
    const response = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify(order),
    });
    if (response.status === 201) stats.orders++;
    else stats.errors++;
  };

  // Start in the steady state: the visits that would already be under way, each joined at a random point.
  const meanVisitMs = sample.reduce((s, v) => s + (v.at(-1)?.atMs ?? 0), 0) / sample.length;
  for (let n = rng.poisson((visitsPerSecond * meanVisitMs) / 1000); n > 0; n--) {
    const steps = visit();
    const joinedAt = rng.uniform() * (steps.at(-1)?.atMs ?? 0);
    for (const step of steps)
      if (step.atMs >= joinedAt) pending.push({ at: Date.now() + step.atMs - joinedAt, step });
  }

  const started = Date.now();
  let stopping = false;
  process.once('SIGINT', () => (stopping = true));
  let reported = started;
  let sentAtReport = 0;
  console.log(
    `simulating ${rate} events/s (${visitsPerSecond.toFixed(1)} visits/s of ~${eventsPerVisit.toFixed(1)} events) ` +
      `from ${customers.toLocaleString('en')} customers against ${base}${duration ? ` for ${duration} s` : ' until Ctrl-C'}`,
  );
  while (!stopping && (!duration || Date.now() - started < duration * 1000)) {
    const now = Date.now();
    if (now >= pauseUntil) {
      for (let n = rng.poisson((visitsPerSecond * TICK_MS) / 1000); n > 0; n--)
        for (const step of visit()) pending.push({ at: now + step.atMs, step });
      pending.sort((a, b) => a.at - b.at);
      let due = 0;
      while (due < pending.length && pending[due]!.at <= now) due++;
      const steps = pending.splice(0, due).map((p) => p.step);
      const events = steps.flatMap((s) =>
        s.kind === 'event' ? [{ ...s.event, occurredAt: new Date().toISOString() }] : [],
      );
      for (let i = 0; i < events.length; i += MAX_BATCH) track(postEvents(events.slice(i, i + MAX_BATCH)));
      stats.sent += events.length;
      for (const s of steps) if (s.kind === 'order') track(postOrder(s.order));
    }
    if (now - reported >= (values.quiet ? 300_000 : 5_000)) {
      const perSecond = ((stats.sent - sentAtReport) / ((now - reported) / 1000)).toFixed(0);
      console.log(
        `  ${perSecond} events/s · sent ${stats.sent} · accepted ${stats.accepted} · refused for consent ${stats.rejected} · orders ${stats.orders} · errors ${stats.errors}`,
      );
      reported = now;
      sentAtReport = stats.sent;
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await Promise.all([...inFlight]);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `done in ${seconds.toFixed(0)} s: ${stats.sent} events sent (${(stats.sent / seconds).toFixed(0)}/s), ` +
      `${stats.accepted} accepted, ${stats.rejected} refused for consent, ${stats.orders} orders, ${stats.errors} errors`,
  );
  if (stats.errors && !stats.accepted)
    throw new UsageError(
      `Nothing was accepted by ${base}: is Customer Pulse running there, with this API key?`,
    );
});
