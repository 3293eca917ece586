import { expect, test } from '@playwright/test';
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

    await page.getByLabel('Customer id').fill('cus_000007');
    await page.getByRole('button', { name: 'Look up' }).click();
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

test.describe('as marketing', () => {
  test.use({ storageState: storageStateFor('marketing') });

  test('the consent and audit APIs refuse', async ({ page }) => {
    for (const path of [
      '/api/v1/consent/cus_000007',
      '/api/v1/privacy/audit',
      '/api/v1/privacy/consent-overview',
    ]) {
      expect((await page.request.get(path)).status(), path).toBe(403);
    }
  });
});
