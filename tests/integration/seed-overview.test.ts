import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET as overviewRoute } from '@/app/api/v1/overview/route';
import { getOverview } from '@/lib/overview/get-overview';
import { generateCustomerHistories } from '@/lib/seed/generate';
import { seedStore } from '@/lib/cli/seed-store';
import { isSeeded } from '@/lib/seed/is-seeded';
import { readSeedState, writeSeedState } from '@/lib/seed/seed-state';
import { writeDataset } from '@/lib/seed/write-dataset';
import { getCustomer } from '@/lib/customers/get-customer';
import { request, sessionCookie } from './support/http';
import { useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');
const OPTIONS = { seed: 'integration', customers: 60, end: END };

describe('demo data and the Overview numbers', () => {
  const stack = useTestStack();

  it('starts empty, then seeds customers, orders, weekly totals and the ground truth', async () => {
    expect(await isSeeded()).toBe(false);
    const progress: number[] = [];
    const summary = await writeDataset({
      ...OPTIONS,
      dataDir: stack().dataDir,
      onProgress: (p) => progress.push(p.customers),
    });
    const expected = [...generateCustomerHistories(OPTIONS)];
    const orders = expected.reduce((n, h) => n + h.orders.length, 0);
    const revenue = expected.reduce((n, h) => n + h.orders.reduce((s, o) => s + o.totalMinor, 0), 0);
    expect(summary).toMatchObject({ customers: 60, orders, revenueMinor: revenue });
    expect(progress.at(-1)).toBe(60);
    expect(await isSeeded()).toBe(true);

    const truth = fs
      .readFileSync(path.join(stack().dataDir, 'seed', 'ground-truth.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(truth).toHaveLength(60);
    expect(JSON.parse(truth[0] ?? '{}')).toEqual(expected[0]?.truth);

    const first = expected[0];
    const stored = await getCustomer(first?.customer.customerId ?? '', true);
    expect(stored).toMatchObject({ email: first?.customer.email, orderCount: first?.orders.length });
  });

  it('serves weekly series whose sums equal the totals, with empty weeks filled', async () => {
    const overview = await getOverview(110, END);
    expect(overview.weeks).toHaveLength(110);
    const weekly = overview.weeks.reduce((s, w) => ({ o: s.o + w.orders, r: s.r + w.revenueMinor }), {
      o: 0,
      r: 0,
    });
    expect(weekly).toEqual({ o: overview.totals?.orders, r: overview.totals?.revenueMinor });
    expect(overview.weeks.every((w, i, all) => i === 0 || w.week > (all[i - 1]?.week ?? ''))).toBe(true);
    const newCustomers = overview.weeks.reduce((s, w) => s + w.newCustomers, 0);
    expect(newCustomers).toBe(60);
  });

  it('gives the same numbers through the API to a signed-in user', async () => {
    const response = await overviewRoute(
      request('/api/v1/overview?weeks=8', { headers: { cookie: await sessionCookie('marketing') } }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { totals: { customers: number }; weeks: unknown[] };
    expect(body.totals.customers).toBe(60);
    expect(body.weeks).toHaveLength(8);
  });

  it('re-seeding is idempotent: same totals, no duplicates', async () => {
    const before = await getOverview(110, END);
    await writeDataset({ ...OPTIONS, dataDir: stack().dataDir });
    const after = await getOverview(110, END);
    expect(after.weeks).toEqual(before.weeks);
    expect(after.totals?.orders).toBe(before.totals?.orders);
  });
});

describe('an interrupted seed', () => {
  const stack = useTestStack();

  it('is finished with its own parameters on the next start, so two datasets never mix', async () => {
    writeSeedState(stack().dataDir, {
      seed: 'first-day',
      end: END.toISOString(),
      customers: 30,
      status: 'in_progress',
    });
    const lines: string[] = [];
    const summary = await seedStore(
      { customers: 45, seed: 'next-day', end: new Date('2026-11-24T00:00:00Z') },
      (l) => lines.push(l),
    );
    expect(lines[0]).toBe('finishing an interrupted seed (30 customers, seed "first-day")');
    const expected = [...generateCustomerHistories({ seed: 'first-day', customers: 30, end: END })];
    expect(summary.orders).toBe(expected.reduce((n, h) => n + h.orders.length, 0));
    expect(readSeedState(stack().dataDir)?.status).toBe('complete');
  });
});
