import { expect, test, type Page } from '@playwright/test';
import { DEMO_API_KEY, storageStateFor } from './support';

test.use({ storageState: storageStateFor('admin') });

async function createKey(page: Page, name: string, scopes: string[]): Promise<string> {
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Name').fill(name);
  for (const scope of scopes) await form.getByLabel(scope).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByTestId('new-api-key').locator('code');
  await expect(shown).toHaveText(/^cp_live_/);
  return (await shown.textContent()) ?? '';
}

test('a storefront key works only within its scopes and stops when revoked', async ({ page, playwright }) => {
  // A storefront: no browser session, only the headers it sends.
  const api = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: { cookies: [], origins: [] },
  });
  const customer = (headers: Record<string, string>) => api.get('/api/v1/customers/cus_000001', { headers });

  const noKey = await customer({});
  expect(noKey.status()).toBe(401);
  expect(noKey.headers()['content-type']).toContain('application/problem+json');

  const eventsOnly = await createKey(page, 'Events only', ['events:write']);
  const denied = await customer({ 'x-api-key': eventsOnly });
  expect(denied.status()).toBe(403);
  expect(((await denied.json()) as { detail: string }).detail).toContain('insights:read');

  const reader = await createKey(page, 'Insights reader', ['insights:read']);
  expect((await customer({ authorization: `Bearer ${reader}` })).status()).toBe(200);

  await page.reload();
  const row = page.getByTestId('api-keys-table').getByRole('row', { name: /Insights reader/ });
  await expect(row).toContainText('active');
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('revoked');
  expect((await customer({ 'x-api-key': reader })).status()).toBe(401);

  expect((await customer({ 'x-api-key': DEMO_API_KEY })).status()).toBe(200);
  await api.dispose();
});

test('health reports DynamoDB, Kinesis and the worker', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const health = (await response.json()) as { status: string; checks: Record<string, { ok: boolean }> };
  expect(health.status).toBe('ok');
  expect(Object.keys(health.checks)).toEqual(['dynamodb', 'kinesis', 'worker']);
});
