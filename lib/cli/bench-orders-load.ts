import { parseArgs } from 'node:util';

/**
 * The load generator of `npm run bench:orders`, in a process of its own so that it does not share a thread with the
 * embedded servers it measures. Posts orders for `seconds` and prints one JSON line: latencies of the accepted
 * orders (ms), errors, orders not sent, and the time it took.
 */
const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    key: { type: 'string' },
    seconds: { type: 'string' },
    concurrency: { type: 'string' },
    rate: { type: 'string' },
  },
});
const base = String(values.base);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const rate = values.rate === undefined ? undefined : Number(values.rate);
const apiKey = String(values.key);

async function main() {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let sequence = 0;
  let inFlight = 0;
  let dropped = 0;
  const postOne = async (n: number, t0: number) => {
    inFlight++;
    try {
      const response = await fetch(`${base}/api/v1/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': apiKey,
          'idempotency-key': `bench-${n}`,
        },
        body: JSON.stringify({
          customerId: `cus_${String(n % 1000).padStart(6, '0')}`,
          items: [
            { productId: 'prd_dairy_01', categoryId: 'cat_dairy', quantity: 2, unitPriceMinor: 119 },
            { productId: 'prd_bakery_02', categoryId: 'cat_bakery', quantity: 1, unitPrice: '2.49' },
          ],
        }),
      });
      await response.arrayBuffer();
      if (response.status === 201) latencies.push(performance.now() - t0);
      else errors++;
    } catch {
      errors++;
    } finally {
      inFlight--;
    }
  };
  if (rate === undefined) {
    // Closed loop: `concurrency` clients, each posting its next order when the last is answered.
    const client = async () => {
      while (performance.now() < deadline) await postOne(sequence++, performance.now());
    };
    await Promise.all(Array.from({ length: concurrency }, client));
  } else {
    // Open loop: orders arrive at `rate` per second whatever the answers do, as shoppers would; latency is
    // measured from when each was due, so a stall shows in it. Beyond 1,000 in flight new ones are dropped.
    const posts: Promise<void>[] = [];
    for (let n = 0; ; n++) {
      const due = started + (n * 1000) / rate;
      if (due >= deadline) break;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (inFlight >= 1000) dropped++;
      else posts.push(postOne(sequence++, due));
    }
    await Promise.all(posts);
    errors += dropped;
  }
  process.stdout.write(
    `${JSON.stringify({
      latencies,
      errors,
      dropped,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6,
    })}\n`,
  );
}

void main();
