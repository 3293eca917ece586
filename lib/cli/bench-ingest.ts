import os from 'node:os';
import { parseArgs } from 'node:util';
import { encode } from 'next-auth/jwt';
import { getKinesisClient } from '../aws/clients';
import { KinesisProducer } from '../kinesis/producer';
import { BENCH_AUTH_SECRET, runLoadProcess, startBenchServer } from './bench-server';
import { runCli, UsageError } from './run-cli';

/**
 * npm run bench:ingest -- [--seconds 15]: storefront events through `POST /api/v1/events` (`next start` on a fresh
 * embedded store, every customer allowing analytics and personalization by default) in batches of 100 and of 500,
 * then the same number of events written straight to Kinesis with the SDK (the ceiling), their ratio, and the time
 * from sending an event to its arrival on the live feed (SSE). The load runs in its own process; no worker runs, so
 * the figures are the ingestion path's own. Prints its figures; asserts nothing.
 */
interface Throughput {
  accepted: number;
  errors: number;
  latencies: number[];
  seconds: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const n = (v: number) => Math.round(v).toLocaleString('en');

runCli(async () => {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' } } });
  const seconds = Number(values.seconds);
  if (!(seconds > 0)) throw new UsageError('--seconds must be a positive number.');
  const server = await startBenchServer('ingest', 3410, {
    CONSENT_DEFAULT_GRANTED: 'analytics,personalization',
  });
  const { config, base } = server;
  try {
    const rows: [string, string][] = [];
    const api: Record<number, Throughput> = {};
    for (const batch of [100, 500]) {
      const t = await runLoadProcess<Throughput>('bench-ingest-load.ts', {
        base,
        key: config.DEMO_API_KEY,
        seconds,
        batch,
        concurrency: 8,
      });
      api[batch] = t;
      rows.push([
        `POST /events, batches of ${batch}`,
        `${n(t.accepted / t.seconds)} events/s (${n(t.accepted)} in ${t.seconds.toFixed(1)} s, ${t.errors} errors); ` +
          `request p50 / p99 ${percentile(t.latencies, 50).toFixed(0)} / ${percentile(t.latencies, 99).toFixed(0)} ms`,
      ]);
    }
    // The ceiling: the same number of events as the batches of 500 carried, straight to Kinesis with the SDK.
    const volume = api[500]!.accepted;
    const producer = new KinesisProducer({ streamName: config.EVENTS_STREAM, client: getKinesisClient() });
    const started = performance.now();
    const payload = (i: number) =>
      JSON.stringify({
        eventId: `direct-${i}`,
        type: 'page_view',
        customerId: `cus_${String(i % 2000).padStart(6, '0')}`,
      });
    // In steps of 2,000, within the producer's queue limit (as the API's own producer is).
    for (let from = 0; from < volume; from += 2_000) {
      const sends: Promise<unknown>[] = [];
      for (let i = from; i < Math.min(volume, from + 2_000); i++)
        sends.push(producer.send(`cus_${i % 2000}`, payload(i)));
      await Promise.all(sends);
    }
    await producer.close();
    const direct = volume / ((performance.now() - started) / 1000);
    const best = Math.max(...Object.values(api).map((t) => t.accepted / t.seconds));
    rows.push(['straight to Kinesis (SDK)', `${n(direct)} events/s (${n(volume)} events)`]);
    rows.push(['ratio API / direct', `${(best / direct).toFixed(2)} (best batch size; target ≥ 0.6)`]);

    const cookie = `next-auth.session-token=${await encode({
      token: { email: 'marketing@example.com', name: 'marketing', role: 'marketing' },
      secret: BENCH_AUTH_SECRET,
    })}`;
    const feed = await runLoadProcess<{ sent: number; latencies: number[] }>('bench-ingest-load.ts', {
      base,
      key: config.DEMO_API_KEY,
      cookie,
      seconds: 10,
      feed: true,
    });
    rows.push([
      'event → live feed',
      `p50 ${percentile(feed.latencies, 50).toFixed(0)} ms, p95 ${percentile(feed.latencies, 95).toFixed(0)} ms ` +
        `(${feed.latencies.length} of ${feed.sent} events seen; target p95 ≤ 1,000 ms)`,
    ]);
    console.log(
      `\ningest benchmark (${seconds} s per batch size, 8 clients, ${os.cpus().length} cores, embedded stack, no worker)`,
    );
    rows.forEach(([k, v]) => console.log(`  ${k.padEnd(32)} ${v}`));
  } finally {
    await server.close();
  }
});
