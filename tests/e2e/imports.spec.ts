import { expect, test } from '@playwright/test';
import { formatMoney } from '@/lib/money/currency';
import { NAV_BY_ROLE, storageStateFor } from './support';

/**
 * A small order file, in the e2e store's currency (EUR), whose first column has a name the import does not know
 * (Beleg, German for receipt) and two lines it must refuse (line 2: quantity 0; the last: another currency). Its
 * orders belong to seeded customers no other spec looks at (cus_000100–105) and seeded products, so the store keeps
 * its 300 customers and its catalogue.
 */
const ORDERS = 12;
const LINES: string[] = [
  'Beleg,customer_id,ordered_at,sku,product_name,category,quantity,line_total,currency',
];
LINES.push('E2E-IMP-0000,cus_000100,2025-06-01T10:00:00Z,prd_dairy_01,Milk,cat_dairy,0,0.00,EUR');
let netMinor = 0;
for (let i = 1; i <= ORDERS; i++) {
  const order = `E2E-IMP-${String(i).padStart(4, '0')}`;
  const customer = `cus_${String(100 + (i % 6)).padStart(6, '0')}`;
  const at = `2025-06-${String(i + 1).padStart(2, '0')}T09:30:00Z`;
  LINES.push(`${order},${customer},${at},prd_dairy_01,Milk,cat_dairy,2,2.38,EUR`);
  LINES.push(`${order},${customer},${at},prd_coffee_03,Coffee,cat_coffee,1,6.49,EUR`);
  netMinor += 238 + 649;
}
LINES.push('E2E-IMP-0099,cus_000101,2025-06-20T09:30:00Z,prd_dairy_01,Milk,cat_dairy,1,1.19,USD');
const CSV = `${LINES.join('\n')}\n`;
const REJECTED = 2;

test.describe('as an admin', () => {
  test.use({ storageState: storageStateFor('admin') });
  test.describe.configure({ timeout: 120_000 });

  test('uploads a file, fixes its mapping, dry-runs it, imports it and sees it in the history', async ({
    page,
  }) => {
    await page.goto('/imports');
    await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
    await expect(page.getByTestId('imports-empty')).toContainText('Choose your order file');

    await page.getByTestId('orders-file').setInputFiles({
      name: 'e2e-orders.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await expect(page.getByTestId('orders-file-done')).toContainText('e2e-orders.csv');
    // Uploaded: no "No file chosen" field above it, a way to send another instead.
    await expect(page.getByTestId('orders-file')).toHaveClass(/visually-hidden/);
    await expect(page.getByRole('button', { name: 'Choose another file' })).toBeVisible();
    // The unknown first column: the file cannot be read until it is mapped.
    await expect(page.getByTestId('preview-problem')).toContainText('order_id');
    const beleg = page.getByLabel('Import column for Beleg');
    await expect(beleg).toHaveValue('');
    await expect(page.getByLabel('Import column for customer_id')).toHaveValue('customer_id');
    await expect(page.getByRole('button', { name: 'Dry run' })).toBeDisabled();

    await beleg.selectOption('order_id');
    await page.getByRole('button', { name: 'Preview again' }).click();
    await expect(page.getByTestId('detected-format')).toHaveText('Read as: canonical line-item CSV');
    await expect(page.getByTestId('preview-problem')).toHaveCount(0);
    const preview = page.getByTestId('preview-rows');
    await expect(preview.locator('tbody tr')).toHaveCount(20);
    await expect(preview.locator('tbody tr').first()).toContainText('quantity is 0');
    await expect(preview.locator('tbody tr').nth(1)).toContainText('E2E-IMP-0001');

    // The dry run lists the problems by line and changes nothing.
    await page.getByRole('button', { name: 'Dry run' }).click();
    const job = page.getByTestId('import-job');
    await expect(job).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    await expect(job.getByTestId('import-status')).toHaveText('Dry run: completed');
    await expect(job.getByRole('heading', { level: 2 })).toHaveText('4. Dry run report: e2e-orders.csv');
    // Each kind of rejection with its first line's own reason, not only the template.
    await expect(job.getByTestId('reason-example')).toContainText([
      // One line each: the kinds in alphabetical order.
      `e.g. line ${LINES.length}: currency is USD, but the store sells in EUR`,
      'e.g. line 2: quantity is 0',
    ]);
    await expect(job.getByTestId('summary-rejected')).toHaveText(`${REJECTED} rejected`);
    await expect(job.getByTestId('rejects-range')).toHaveText(`lines 1–${REJECTED} of ${REJECTED} rejected`);
    const first = job.getByTestId('rejects-table').locator('tbody tr').first();
    await expect(first.locator('td').nth(0)).toHaveText('2');
    await expect(first.locator('td').nth(1)).toHaveText('quantity');
    await expect(first.locator('td').nth(2)).toContainText('quantity is 0');
    await expect(page).toHaveURL(/\/imports\?import=imp_/);
    const history = page.getByTestId('import-history-row');
    await expect(history.filter({ hasText: 'e2e-orders.csv' })).toHaveCount(0);

    // The import: its progress reaches 100 % and the history shows what it did.
    await page.getByRole('button', { name: 'Import e2e-orders.csv' }).click();
    await expect(job.getByTestId('import-status')).toHaveText(/^Import: (running|completed)$/);
    await expect(job).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });
    await expect(job.getByTestId('import-status')).toHaveText('Import: completed');
    await expect(job.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    await expect(job.getByTestId('summary-orders')).toContainText(`${ORDERS} (`);
    // What finishing did: the Overview's weeks, the segments, the analysis run with a link to its page.
    await expect(job.getByTestId('finishing-overview')).toContainText(/\d+ weeks? rebuilt/);
    await expect(job.getByTestId('finishing-segments')).toContainText(/[\d,]+ of [\d,]+ customers scored/);
    await expect(job.getByTestId('finishing-analysis')).toContainText(/run run_imp_/);
    await expect(
      job.getByTestId('finishing-analysis').getByRole('link', { name: 'Analysis page' }),
    ).toHaveAttribute('href', '/analysis');

    const row = history.filter({ hasText: 'e2e-orders.csv' }).first();
    await expect(row).toContainText('completed');
    await expect(row.getByTestId('history-orders')).toHaveText(String(ORDERS));
    await expect(row.getByTestId('history-rejected')).toHaveText(String(REJECTED));
    await expect(row.getByTestId('history-net')).toHaveText(formatMoney(netMinor, 'EUR'));
    await expect(row).toContainText('2025-06-02 – 2025-06-13');
    const download = row.getByRole('link', { name: 'Rejects (CSV)' });
    const csv = await page.request.get((await download.getAttribute('href')) ?? '');
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[1]).toMatch(/^2,quantity,/);
  });
});

test.describe('as marketing', () => {
  test.use({ storageState: storageStateFor('marketing') });

  test('cannot open Imports, find it in the navigation or call its API', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(
      NAV_BY_ROLE.marketing,
    );
    const response = await page.goto('/imports');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
    expect((await page.request.get('/api/v1/imports')).status()).toBe(403);
    const post = await page.request.post('/api/v1/imports', {
      data: CSV,
      headers: { 'content-type': 'text/csv' },
    });
    expect(post.status()).toBe(403);
  });
});
