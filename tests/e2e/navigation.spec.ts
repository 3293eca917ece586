import { expect, test } from '@playwright/test';
import { ROLES } from '@/lib/auth/permissions';
import { NAV_BY_ROLE, storageStateFor } from './support';

for (const role of ROLES) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test('the navigation shows exactly the sections the role may open', async ({ page }) => {
      await page.goto('/');
      const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      await expect(links).toHaveText(NAV_BY_ROLE[role]);
      for (const label of NAV_BY_ROLE[role].slice(1)) {
        const response = await page.goto(`/${label.toLowerCase()}`);
        expect(response?.status(), label).toBe(200);
        await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
      }
    });
  });
}

test.describe('sections a role may not open', () => {
  test.use({ storageState: storageStateFor('marketing') });

  test('marketing cannot open Settings or Privacy, even by typing the address', async ({ page }) => {
    for (const path of ['/settings', '/privacy']) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
    }
    const api = await page.request.get('/api/v1/api-keys');
    expect(api.status()).toBe(403);
  });
});

test.describe('signed out', () => {
  test('a dashboard address leads to sign-in and back to that page afterwards', async ({ page }) => {
    await page.goto('/customers');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcustomers/);
    await page.getByLabel('Email').fill('marketing@example.com');
    await page.getByLabel('Password').fill('definitely-wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Email or password is wrong.')).toBeVisible();
    await page.getByLabel('Password').fill(process.env.DEMO_PASSWORD ?? 'pulse-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  });

  test('a sign-in link that points off-site lands on the Overview instead', async ({ page }) => {
    await page.goto('/sign-in?callbackUrl=%2F%5Cevil.example%2Fphish');
    await page.getByLabel('Email').fill('privacy@example.com');
    await page.getByLabel('Password').fill(process.env.DEMO_PASSWORD ?? 'pulse-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL ?? '').host);
  });
});
