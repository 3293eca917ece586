import { expect, test } from '@playwright/test';
import { TABLES } from '@/lib/db/tables';
import { storageStateFor } from './support';

test.describe('as a privacy officer', () => {
  test.use({ storageState: storageStateFor('privacy') });

  test('sees opt-in rates per purpose, records a withdrawal in a customer’s ledger, and verifies the chains', async ({
    page,
  }) => {
    await page.goto('/privacy');
    await expect(page.getByRole('heading', { level: 1, name: 'Privacy' })).toBeVisible();
    await expect(page.getByTestId('consent-trend-chart').locator('svg').first()).toBeVisible();
    const purposes = page.getByTestId('consent-purposes-table');
    await expect(purposes.getByRole('row')).toHaveCount(5); // header + four opt-in purposes

    const lookup = page.getByRole('form', { name: "Look up a customer's consent" });
    await lookup.getByLabel('Customer id').fill('cus_000007');
    await lookup.getByRole('button', { name: 'Look up' }).click();
    const ledger = page.getByTestId('consent-ledger');
    await expect(ledger).toBeVisible();
    const before = await ledger.locator('tbody tr').count();
    expect(before).toBeGreaterThan(0); // the seed gave every customer a history

    await page.getByRole('combobox', { name: 'Personalization' }).selectOption('withdraw');
    await page.getByLabel('How the customer asked').fill('Phone call of 25 Nov');
    await page.getByRole('button', { name: 'Record change' }).click();
    await expect(ledger.locator('tbody tr')).toHaveCount(before + 1);
    await expect(ledger.locator('tbody tr').first()).toContainText('✗ Personalization');
    await expect(ledger.locator('tbody tr').first()).toContainText('officer');
    await expect(page.getByTestId('consent-state').locator('[data-purpose="personalization"]')).toHaveClass(
      /denied/,
    );
    await expect(page.getByTestId('consent-chain')).toContainText('Chain intact');

    await page.getByRole('button', { name: 'Verify chains' }).click();
    await expect(page.getByTestId('chain-report')).toContainText('All chains intact');
    await expect(page.getByTestId('audit-table')).toContainText('consent.changed');
  });
});

test.describe('retention', () => {
  test.use({ storageState: storageStateFor('privacy') });

  test('shows each data class with its days, previews the next sweep and refuses days out of range', async ({
    page,
  }) => {
    await page.goto('/privacy');
    const table = page.getByTestId('retention-table');
    await expect(table.locator('tr[data-class="dead-letters"] input')).toHaveValue('30');
    await page.getByRole('button', { name: 'Preview next sweep' }).click();
    await expect(table.getByRole('columnheader', { name: 'Would delete now' })).toBeVisible();
    await expect(table.locator('tr[data-class="orders"] td').last()).toHaveText(/^\d[\d,]*$/);
    const response = await page.request.put('/api/v1/privacy/retention', { data: { days: { orders: 30 } } });
    expect(response.status()).toBe(422);
    expect(((await response.json()) as { detail: string }).detail).toContain('between 2555 and 4380 days');
  });
});

test.describe('an erasure request', () => {
  test.use({ storageState: storageStateFor('privacy') });

  test('is handled by a privacy officer from creation to receipt', async ({ page }) => {
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/privacy');
    const form = page.getByRole('form', { name: 'Record a request' });
    await form.getByLabel('Customer id').fill('cus_000150');
    await form.getByRole('combobox', { name: 'Request kind' }).selectOption('erasure');
    await form.getByRole('button', { name: 'Record request' }).click();
    const row = page.locator('[data-testid="requests-table"] tbody tr.selected');
    await expect(row.getByTestId('request-status')).toHaveText('Received');
    await expect(row).toContainText('cus_000150');
    await row.getByRole('button', { name: 'Start verification' }).click();
    await expect(row.getByTestId('request-status')).toHaveText('Verifying identity');
    await row.getByRole('button', { name: 'Identity verified' }).click();
    await expect(row.getByTestId('request-status')).toHaveText('In progress');
    await row.getByRole('button', { name: 'Erase now' }).click();

    const receipt = page.getByTestId('erasure-receipt');
    await expect(receipt).toBeVisible({ timeout: 30_000 });
    await expect(row.getByTestId('request-status')).toHaveText('Completed');
    await expect(row).not.toContainText('cus_000150'); // the request now names an unlinkable reference
    await expect(receipt.locator('tbody tr')).toHaveCount(TABLES.length); // every store of the registry
    await expect(receipt.locator('tr[data-table="customers"]')).toContainText('delete');
    await expect(receipt.locator('tr[data-table="orders"]')).toContainText('anonymize');
    await expect(page.getByTestId('request-detail')).toContainText('Completed (user:privacy@example.com)');

    // The customer is gone from the dashboard too.
    const gone = await page.request.get('/api/v1/customers/cus_000150');
    expect(gone.status()).toBe(404);
  });
});

test.describe('as marketing', () => {
  test.use({ storageState: storageStateFor('marketing') });

  test('the consent, audit and request APIs refuse, and so does creating a request', async ({ page }) => {
    const create = await page.request.post('/api/v1/privacy/requests', {
      data: { customerId: 'cus_000007', kind: 'erasure', regime: 'gdpr' },
    });
    expect(create.status()).toBe(403);
    for (const path of [
      '/api/v1/consent/cus_000007',
      '/api/v1/privacy/audit',
      '/api/v1/privacy/consent-overview',
      '/api/v1/privacy/requests',
    ]) {
      expect((await page.request.get(path)).status(), path).toBe(403);
    }
  });
});
