import { expect, test } from '@playwright/test';
import { formatMoney } from '@/lib/money/currency';
import { SEGMENT_NAMES } from '@/lib/analysis/segments/segments';
import { storageStateFor } from './support';

/** "€1,234.56" → 1234.56 */
const euros = (text: string) => Number(text.replace(/[^0-9.]/g, ''));

interface CustomerPage {
  customers: { customerId: string; totalSpentMinor: number; segment?: string }[];
  total: number;
}

test.describe('as marketing (names masked)', () => {
  test.use({ storageState: storageStateFor('marketing') });

  test('searching by a customer id finds that customer, with a masked name, and the link reproduces it', async ({
    page,
  }) => {
    await page.goto('/customers');
    await expect(page.getByTestId('customer-count')).toHaveText('300 customers');
    await expect(page.getByText('search matches customer ids only')).toBeVisible();

    await page.getByLabel('Search customers').fill('cus_000001');
    await expect(page).toHaveURL(/\/customers\?q=cus_000001$/);
    await expect(page.getByTestId('customer-count')).toHaveText('1 customer');
    const rows = page.getByTestId('customer-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.getByTestId('customer-id')).toHaveText('cus_000001');
    await expect(rows.getByTestId('customer-name')).toHaveText(/^\S\. \S\.$/);
    await expect(page.getByTestId('customers-table')).not.toContainText('@');

    await page.reload();
    await expect(page.getByLabel('Search customers')).toHaveValue('cus_000001');
    await expect(page.getByTestId('customer-row')).toHaveCount(1);
  });

  test('a search that matches nothing says so', async ({ page }) => {
    await page.goto('/customers?q=no_such_customer');
    await expect(page.getByTestId('customers-empty')).toContainText('No customers match “no_such_customer”');
    await expect(page.getByTestId('customer-row')).toHaveCount(0);
  });

  test('filtering by a segment shows only customers of that segment', async ({ page }) => {
    const api = await page.request.get('/api/v1/segments');
    expect(api.status()).toBe(200);
    const { distribution } = (await api.json()) as {
      distribution: { segments: { segment: string; customers: number }[]; scored: number };
    };
    // A segment that is neither empty nor everyone, so the filter visibly narrows the list.
    const pick = distribution.segments.find((s) => s.customers > 0 && s.customers < distribution.scored);
    expect(pick, 'the seed puts customers into more than one segment').toBeDefined();
    const segment = pick!.segment;

    await page.goto('/customers');
    await page.getByRole('combobox', { name: /segment/i }).selectOption(segment);
    await expect.poll(() => new URL(page.url()).searchParams.get('segment')).toBe(segment);
    const badges = page.getByTestId('customers-table').getByTestId('segment-badge');
    await expect(badges.first()).toHaveText(segment);
    const texts = await badges.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(new Set(texts)).toEqual(new Set([segment]));
    await expect(page.getByTestId('customer-count')).not.toHaveText('300 customers');

    const list = (await (
      await page.request.get(`/api/v1/customers?segment=${encodeURIComponent(segment)}&limit=100`)
    ).json()) as CustomerPage;
    await expect(page.getByTestId('customer-count')).toHaveText(
      `${list.total} ${list.total === 1 ? 'customer' : 'customers'}`,
    );
  });

  test('sorting by total spent puts the largest first, and a second click the smallest', async ({ page }) => {
    const top = (await (
      await page.request.get('/api/v1/customers?sort=totalSpent&order=desc&limit=1')
    ).json()) as CustomerPage;
    const largest = top.customers[0]!;

    await page.goto('/customers');
    const header = page.getByRole('columnheader', { name: /Total spent/ });
    await expect(header).toHaveAttribute('aria-sort', 'none');
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/sort=totalSpent/);
    const totals = page.getByTestId('customer-total');
    await expect(totals.first()).toHaveText(formatMoney(largest.totalSpentMinor, 'EUR'));
    const [first, second] = (await totals.allTextContents()).map(euros);
    expect(first).toBeGreaterThanOrEqual(second!);
    await expect(page.getByTestId('customer-row').first().getByTestId('customer-id')).toHaveText(
      largest.customerId,
    );

    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(page).toHaveURL(/order=asc/);
    await expect(totals.first()).not.toHaveText(formatMoney(largest.totalSpentMinor, 'EUR'));
    const [low, next] = (await totals.allTextContents()).map(euros);
    expect(low).toBeLessThanOrEqual(next!);
  });

  test('"Load more" adds the next page of customers', async ({ page }) => {
    await page.goto('/customers');
    const rows = page.getByTestId('customer-row');
    await expect(rows).toHaveCount(25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(rows).toHaveCount(50);
    const ids = await rows.getByTestId('customer-id').allTextContents();
    expect(new Set(ids).size).toBe(50);
  });

  test('a customer page shows the masked profile, the RFM scores, the segment and the orders chart', async ({
    page,
  }) => {
    await page.goto('/customers?q=cus_000001');
    await page.getByRole('link', { name: 'cus_000001' }).click();
    await expect(page).toHaveURL(/\/customers\/cus_000001$/);

    const profile = page.getByTestId('customer-profile');
    await expect(profile).toContainText('(masked for your role)');
    await expect(profile).not.toContainText('@example.com');
    await expect(page.getByTestId('rfm-scores')).toHaveText(/^R [1-5] · F [1-5] · M [1-5]$/);
    await expect(profile.getByTestId('segment-badge')).toHaveText(
      new RegExp(`^(${SEGMENT_NAMES.join('|')})$`),
    );
    await expect(page.getByTestId('profile-orders')).toHaveText(/^\d[\d,]* orders?$/);

    const chart = page.getByTestId('customer-orders-chart');
    await expect(chart.locator('.recharts-scatter-symbol').first()).toBeVisible();
    const orderRows = page.getByTestId('customer-orders-table').locator('tbody tr');
    await expect(orderRows.first()).toBeVisible();
    // One dot per order listed.
    expect(await chart.locator('.recharts-scatter-symbol').count()).toBe(await orderRows.count());
  });

  test('an unknown customer gets a clear not-found page', async ({ page }) => {
    await page.goto('/customers/cus_999999');
    await expect(page.getByTestId('customer-not-found')).toContainText('No customer cus_999999');
  });

  test('the Overview shows customers per segment for all eleven segments, with shares', async ({ page }) => {
    await page.goto('/');
    const chart = page.getByTestId('segment-distribution-chart');
    const labels = chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-label');
    await expect(labels).toHaveCount(11);
    await expect(labels).toHaveText([...SEGMENT_NAMES]);
    await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(chart).toContainText(/\d+ customers? \(\d+(\.\d)?%\)/);
    await expect(page.getByTestId('segments-as-of')).toContainText(/segments as of \d{4}-\d{2}-\d{2}/);
    await expect(page.getByTestId('segment-flows').or(page.getByTestId('segment-flows-empty'))).toBeVisible();
  });
});

test.describe('as privacy (may see personal data)', () => {
  test.use({ storageState: storageStateFor('privacy') });

  test('the list and the customer page show full names and contact details', async ({ page }) => {
    await page.goto('/customers?q=cus_000001');
    await expect(page.getByText('Search matches customer id, name or email.')).toBeVisible();
    const row = page.getByTestId('customer-row');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('customer-name')).not.toHaveText(/^\S\. \S\.$/);

    await row.getByRole('link', { name: 'cus_000001' }).click();
    const profile = page.getByTestId('customer-profile');
    await expect(profile).toContainText('@example.com');
    await expect(profile).not.toContainText('(masked for your role)');
  });
});
