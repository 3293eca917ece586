import { expect, test } from '@playwright/test';
import { storageStateFor } from './support';

test.use({ storageState: storageStateFor('marketing') });

test('the Overview shows the seeded business as numbers and a weekly chart', async ({ page }) => {
  const api = await page.request.get('/api/v1/overview?weeks=104');
  expect(api.status()).toBe(200);
  const overview = (await api.json()) as {
    totals: { customers: number; orders: number };
    weeks: { orders: number }[];
  };
  expect(overview.totals.customers).toBe(300);
  expect(overview.weeks.filter((w) => w.orders > 0).length).toBeGreaterThan(80);

  await page.goto('/');
  await expect(page.getByTestId('stat-customers')).toContainText('300');
  await expect(page.getByTestId('stat-orders')).toContainText(overview.totals.orders.toLocaleString('en'));
  const chart = page.getByTestId('weekly-business-chart');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(80);
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(1);
  // Two years of weeks: the axis says which year (its first tick and where the year changes).
  const ticks = chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-label');
  await expect(ticks.first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  expect((await ticks.allTextContents()).filter((t) => /\d{4}$/.test(t)).length).toBeGreaterThanOrEqual(2);
  // Revenue in whole units on the card, to the cent beside it and on hover.
  const revenue = page.getByTestId('stat-revenue');
  const exact = await revenue.locator('.stat-value').getAttribute('title');
  expect(exact).toMatch(/^€[\d,]+\.\d{2}$/);
  if (!exact?.endsWith('.00'))
    await expect(page.getByTestId('stat-revenue-exact')).toHaveText(`exactly ${exact}`);
});
