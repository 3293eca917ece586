import { expect, test as setup } from '@playwright/test';
import { ROLES } from '@/lib/auth/permissions';
import { DEMO_PASSWORD, storageStateFor } from './support';

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F$/);
    await page.getByLabel('Email').fill(`${role}@example.com`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('current-role')).toHaveText(role);
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
