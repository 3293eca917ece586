import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { buildCatalog } from '@/lib/seed/catalog';
import { createPrng } from '@/lib/math/prng';
import type { Alert } from '@/lib/live/alerts/alert';
import { orderValueOutlier } from '@/lib/live/detection/customer-signals';
import { median } from '@/lib/live/detection/robust';
import { formatMoney } from '@/lib/money/currency';
import { simulateSession } from '@/lib/cli/simulate/storefront-session';
import { DEMO_API_KEY, storageStateFor } from './support';

/**
 * The Live page over the real stack: events sent as the storefront sends them (POST /api/v1/events with the demo
 * key) reach the open page through the stream and the SSE feed; a basket far above a customer's usual order raises
 * an order-value alert through the worker, which is then handled in the inbox.
 */

const PRODUCTS = buildCatalog().products.map(({ productId, categoryId, name, priceMinor }) => ({
  productId,
  categoryId,
  name,
  priceMinor,
}));
// Customers away from those other specs change or read closely (1, 7, 150, 200–299).
const CANDIDATES = Array.from({ length: 49 }, (_, i) => `cus_${String(100 + i).padStart(6, '0')}`);
const OTHER_SPECS = new Set(['cus_000001', 'cus_000007', 'cus_000150']);

interface Sent {
  eventId: string;
  customerId: string;
  type: string;
}

/** A storefront: no browser session, only its API key. */
async function storefront(playwright: PlaywrightWorkerArgs['playwright']) {
  return playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { 'x-api-key': DEMO_API_KEY },
  });
}

/** Customers whose events are stored (analytics), split by whether the Live page may show who they are. */
async function consentingCustomers(api: APIRequestContext) {
  const shown: string[] = [];
  const masked: string[] = [];
  for (const customerId of CANDIDATES) {
    const response = await api.get(`/api/v1/consent/${customerId}`);
    expect(response.status()).toBe(200);
    const { purposes } = (await response.json()) as { purposes: Record<string, boolean> };
    if (!purposes.analytics) continue;
    (purposes.personalization ? shown : masked).push(customerId);
    if (shown.length >= 3 && masked.length >= 1) break;
  }
  expect(shown.length, 'seeded customers who allow analytics and personalization').toBeGreaterThanOrEqual(3);
  expect(
    masked.length,
    'a seeded customer who allows analytics but not personalization',
  ).toBeGreaterThanOrEqual(1);
  return { shown, masked };
}

const rng = createPrng('live-e2e');

/** Seeded storefront visits of these customers, as events the storefront would send (orders left out). */
function visits(customerIds: readonly string[], perCustomer = 1): Sent[] {
  const events: (Sent & Record<string, unknown>)[] = [];
  for (const customerId of customerIds)
    for (let v = 0; v < perCustomer; v++)
      for (const step of simulateSession(rng, customerId, `ses-live-${randomUUID()}`, PRODUCTS, 'EUR'))
        if (step.kind === 'event')
          events.push({ ...step.event, eventId: randomUUID(), occurredAt: new Date().toISOString() });
  return events;
}

async function send(api: APIRequestContext, events: Sent[]): Promise<Sent[]> {
  const response = await api.post('/api/v1/events', { data: { events } });
  expect(response.status(), await response.text()).toBe(202);
  expect(((await response.json()) as { accepted: number }).accepted).toBe(events.length);
  return events;
}

const row = (page: Page, eventId: string) =>
  page.locator(`[data-testid="feed-row"][data-event-id="${eventId}"]`);
const windowTotal = async (page: Page) =>
  number(await page.getByTestId('stat-window-total').locator('.stat-value').textContent());
/** The first number in a text: "1,234 events received…" → 1234, "6.8 events/s" → 6.8, "–" → NaN. */
const number = (text: string | null) =>
  Number(/\d[\d,]*(\.\d+)?/.exec(text ?? '')?.[0].replace(/,/g, '') ?? NaN);

test.describe('as marketing', () => {
  test.use({ storageState: storageStateFor('marketing') });

  test('simulated storefront events arrive in the feed, move the rate and chart, and respect pause and filters', async ({
    page,
    playwright,
  }) => {
    test.setTimeout(120_000);
    const api = await storefront(playwright);
    const { shown, masked } = await consentingCustomers(api);

    await page.goto('/live');
    await expect(page.getByRole('heading', { level: 1, name: 'Live' })).toBeVisible();
    const connection = page.getByTestId('feed-connection');
    await expect(connection).toHaveAttribute('data-state', 'live');
    await expect(page.getByTestId('stream-status')).toHaveText(/^Stream (OK|degraded|down)$/);

    // The server's feed starts reading the stream at its tip when the first page subscribes: until its first read, a
    // new event may land before that tip. A first event that shows up says the feed is flowing.
    await expect
      .poll(
        async () => {
          await send(api, visits([shown[0]!]).slice(0, 1));
          await page.waitForTimeout(1_000);
          return number(await page.getByTestId('feed-received').textContent());
        },
        { timeout: 30_000, intervals: [0] },
      )
      .toBeGreaterThan(0);

    const totalBefore = await windowTotal(page);
    expect(totalBefore).not.toBeNaN();

    // A burst of visits: every event reaches the page, the newest on top.
    const burst = await send(api, visits(shown.slice(0, 3), 4));
    expect(burst.length).toBeGreaterThan(20);
    // They are on top (the stream orders a batch by shard, not as sent): the rows in view are theirs.
    const sentIds = new Set(burst.map((e) => e.eventId));
    const oursInView = async () =>
      (
        await page
          .getByTestId('feed-row')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-id') ?? ''))
      ).filter((id) => sentIds.has(id));
    await expect.poll(async () => (await oursInView()).length).toBeGreaterThan(5);
    const [firstOurs] = await oursInView();
    const shownEvent = burst.find((e) => e.eventId === firstOurs)!;
    await expect(row(page, shownEvent.eventId)).toContainText(shownEvent.customerId);
    await expect(row(page, shownEvent.eventId).getByTestId('feed-type')).toHaveText(shownEvent.type);
    await expect
      .poll(async () => number(await page.getByTestId('feed-received').textContent()))
      .toBeGreaterThan(burst.length);
    // Only a window of rows is in the page, however many events are held.
    expect(await page.getByTestId('feed-row').count()).toBeLessThan(25);

    // The rate counted from the feed and the chart move within a couple of seconds.
    await expect
      .poll(
        async () => number(await page.getByTestId('stat-rate-now').locator('.stat-value').textContent()),
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThan(0);
    await expect(page.getByTestId('stat-rate-now')).toContainText('events/s');
    const chart = page.getByTestId('live-throughput-chart');
    // The sent product views are drawn (an area with height), not only listed in the legend.
    await expect(chart.locator('.recharts-area-area[name="product_view"]')).toBeVisible();
    await expect(chart.locator('.recharts-legend-item-text', { hasText: 'product_view' })).toBeVisible();
    // The server's exactly-once minute counts catch up too (read every 10 s).
    await expect
      .poll(async () => windowTotal(page), { timeout: 45_000 })
      .toBeGreaterThanOrEqual(totalBefore + burst.length);

    // A shopper without personalization consent is shown only by a masked label, with the reason.
    const [hidden] = await send(api, visits([masked[0]!]).slice(0, 1));
    await expect(row(page, hidden!.eventId)).toContainText('masked');
    await expect(row(page, hidden!.eventId)).toContainText('no personalization consent');
    await expect(row(page, hidden!.eventId)).not.toContainText(masked[0]!);

    // Paused: the view stands still and counts what arrives; resumed, it shows them.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(connection).toHaveAttribute('data-state', 'paused');
    const topRow = page.getByTestId('feed-list').locator('[aria-posinset="1"] [data-testid="feed-row"]');
    const topWhenPaused = await topRow.getAttribute('data-event-id');
    const whilePaused = await send(api, visits([shown[0]!]).slice(0, 3));
    // At least these three (other specs running beside this one may add their own events).
    await expect
      .poll(async () => number(await page.getByTestId('feed-held').textContent()))
      .toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('feed-held')).toHaveText(/^\d[\d,]* new events/);
    await expect(topRow).toHaveAttribute('data-event-id', topWhenPaused!);
    await expect(row(page, whilePaused[2]!.eventId)).toHaveCount(0);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(row(page, whilePaused[2]!.eventId)).toBeVisible();
    await expect(connection).toHaveAttribute('data-state', 'live');

    // A customer filter goes to the feed and into the address; other shoppers' events no longer show.
    const customerBox = page.getByLabel('Customer id');
    await customerBox.fill(shown[1]!);
    await customerBox.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('customer')).toBe(shown[1]);
    await expect(connection).toHaveAttribute('data-state', 'live');
    const other = await send(api, visits([shown[2]!]).slice(0, 2));
    const mine = await send(api, visits([shown[1]!]).slice(0, 2));
    await expect(row(page, mine[1]!.eventId)).toBeVisible();
    await expect(row(page, other[1]!.eventId)).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel('Customer id')).toHaveValue(shown[1]!);
    await api.dispose();
  });

  test('a 10× basket raises an explained order-value alert that is acknowledged and assigned in the inbox', async ({
    page,
    playwright,
  }) => {
    test.setTimeout(120_000);
    const api = await storefront(playwright);
    // A regular customer with a clear usual order value.
    const list = await api.get('/api/v1/customers?sort=orderCount&order=desc&limit=50');
    expect(list.status()).toBe(200);
    const { customers } = (await list.json()) as { customers: { customerId: string; orderCount: number }[] };
    const regular = customers.find(
      (c) =>
        c.orderCount >= 8 &&
        c.orderCount <= 200 &&
        !OTHER_SPECS.has(c.customerId) &&
        !/^cus_0002\d\d$/.test(c.customerId) &&
        !CANDIDATES.includes(c.customerId),
    );
    expect(regular, 'a seeded customer with at least 8 orders').toBeDefined();
    const history = await api.get(`/api/v1/customers/${regular!.customerId}/orders?limit=200`);
    const { orders } = (await history.json()) as { orders: { totalMinor: number; placedAt: string }[] };
    // The detector's own baseline: spend per earlier day. The basket is the smallest multiple (from 10×) it flags.
    const today = new Date().toISOString().slice(0, 10);
    const daily = new Map<string, number>();
    for (const o of orders)
      if (o.placedAt.slice(0, 10) < today)
        daily.set(o.placedAt.slice(0, 10), (daily.get(o.placedAt.slice(0, 10)) ?? 0) + o.totalMinor);
    const spend = [...daily.values()];
    const usual = median(spend);
    const multiple = [10, 12, 15, 20, 30, 50].find(
      (k) => orderValueOutlier(Math.round(usual * k), spend, 'EUR').raise,
    );
    expect(multiple, 'a multiple of the usual order the detector flags').toBeDefined();
    const basketMinor = Math.round(usual * multiple!);
    const product = PRODUCTS[0]!;
    const placed = await api.post('/api/v1/orders', {
      headers: { 'idempotency-key': randomUUID() },
      data: {
        customerId: regular!.customerId,
        items: [
          {
            productId: product.productId,
            categoryId: product.categoryId,
            quantity: 1,
            unitPrice: (basketMinor / 100).toFixed(2),
          },
        ],
      },
    });
    expect(placed.status(), await placed.text()).toBe(201);
    const { order } = (await placed.json()) as { order: { orderId: string } };
    const alertId = `order_value:${order.orderId}`;
    const readAlert = async () => {
      const response = await page.request.get(`/api/v1/stream/alerts/${alertId}`);
      return response.ok() ? ((await response.json()) as { alert: Alert }).alert : undefined;
    };
    await expect.poll(async () => (await readAlert())?.status, { timeout: 60_000 }).toBe('open');

    await page.goto('/live');
    const inbox = page.getByTestId('alerts-panel');
    const card = inbox.locator(`[data-alert-id="${alertId}"]`);
    await expect(card).toBeVisible();
    await expect(card).toContainText('critical');
    await expect(card).toContainText('order value');
    await expect(card.getByTestId('alert-observed')).toHaveText(formatMoney(basketMinor, 'EUR'));
    await expect(card).toContainText(/× the customer's usual order/);

    // Someone else changed it at the same moment: the inbox says so clearly and reads the alerts again.
    let refused = false;
    await page.route(
      (url) => url.pathname.startsWith('/api/v1/stream/alerts/'),
      async (route) => {
        if (route.request().method() !== 'PATCH' || refused) return route.continue();
        refused = true;
        return route.fulfill({
          status: 409,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            detail: 'Someone else changed this alert meanwhile; reload it and try again.',
          }),
        });
      },
    );
    const reread = page.waitForRequest(
      (r) => r.method() === 'GET' && r.url().includes('/api/v1/stream/alerts?'),
    );
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByTestId('alert-problem')).toContainText('Someone else changed this alert');
    await reread;
    await page.unroute((url) => url.pathname.startsWith('/api/v1/stream/alerts/'));
    await expect(card.getByTestId('alert-status')).toHaveText('Open');

    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(card).toHaveCount(0);
    await expect(page.getByTestId('alert-problem')).toHaveCount(0);
    await page.getByRole('tab', { name: /Acknowledged/ }).click();
    const acknowledged = inbox.locator(`[data-alert-id="${alertId}"]`);
    await expect(acknowledged.getByTestId('alert-status')).toHaveText('Acknowledged');
    await acknowledged.getByRole('button', { name: 'Assign to me' }).click();
    await expect(acknowledged.getByTestId('alert-assignee')).toHaveText('assigned to you');

    const stored = await readAlert();
    expect(stored).toMatchObject({ status: 'acknowledged', assignee: 'marketing@example.com' });
    expect(stored!.history.map((h) => [h.change, h.by])).toEqual([
      ['raised', 'system:detection'],
      ['open → acknowledged', 'marketing@example.com'],
      ['assigned to marketing@example.com', 'marketing@example.com'],
    ]);
    await api.dispose();
  });
});

test.describe('as privacy', () => {
  test.use({ storageState: storageStateFor('privacy') });

  test('the Live page and its streams are refused', async ({ page }) => {
    const response = await page.goto('/live');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
    for (const path of ['/api/v1/stream/feed', '/api/v1/stream/alerts', '/api/v1/stream/active']) {
      const api = await page.request.get(path);
      expect(api.status(), path).toBe(403);
    }
  });
});
