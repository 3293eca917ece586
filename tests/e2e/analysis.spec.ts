import { expect, test, type APIRequestContext } from '@playwright/test';
import { percent } from '@/components/analysis/insight-format';
import type { RunView } from '@/lib/client/use-analysis-runs';
import type { InsightsAnswer } from '@/lib/client/use-insights';
import { NAV_BY_ROLE, storageStateFor } from './support';

/**
 * The analysis UI over the real stack: the worker fits the models and analyses every customer a few seconds after
 * a fresh start, so each test first waits (through the API) for that run to have completed.
 */

const RUN_WAIT_MS = 180_000;

async function waitForCompletedRun(request: APIRequestContext): Promise<RunView> {
  let completed: RunView | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/v1/analysis/runs?limit=5');
        if (!response.ok()) return `HTTP ${response.status()}`;
        const { runs } = (await response.json()) as { runs: RunView[] };
        completed = runs.find((r) => r.status === 'completed');
        // Not while another is still going: the tests below start their own.
        return completed && !runs.some((r) => r.status === 'running') ? 'completed' : 'waiting';
      },
      { timeout: RUN_WAIT_MS, intervals: [1_000, 2_000] },
    )
    .toBe('completed');
  return completed!;
}

// Customers from the end of the seed, away from the ids other specs change (cus_000001, 7, 150).
const CANDIDATES = Array.from({ length: 100 }, (_, i) => `cus_${String(200 + i).padStart(6, '0')}`);

/** The first candidate whose insights answer passes `match`. */
async function findCustomer(
  request: APIRequestContext,
  match: (answer: InsightsAnswer) => boolean,
): Promise<{ customerId: string; answer: InsightsAnswer }> {
  for (const customerId of CANDIDATES) {
    const response = await request.get(`/api/v1/customers/${customerId}/insights`);
    if (!response.ok()) continue;
    const answer = (await response.json()) as InsightsAnswer;
    if (match(answer)) return { customerId, answer };
  }
  throw new Error('no seeded customer matches');
}

const analysedWithPatterns = (a: InsightsAnswer) =>
  a.consent === 'granted' &&
  a.insight !== null &&
  a.insight.trigger === 'batch' &&
  a.insight.numbers.nextPurchases.length >= 2;

test.describe('as marketing', () => {
  test.use({ storageState: storageStateFor('marketing') });
  test.describe.configure({ timeout: RUN_WAIT_MS + 60_000 });

  test.beforeEach(async ({ page }) => {
    await waitForCompletedRun(page.request);
  });

  test('a customer who allows personalization shows the insight: P(alive), CLV interval, churn and the timeline', async ({
    page,
  }) => {
    const { customerId, answer } = await findCustomer(page.request, analysedWithPatterns);
    const insight = answer.insight!;
    await page.goto(`/customers/${customerId}`);

    const card = page.getByTestId('insight-card');
    await expect(card.getByTestId('insight-summary')).toHaveText(insight.summary);
    await expect(card.getByTestId('insight-p-alive').locator('strong')).toHaveText(
      percent(insight.numbers.pAlive),
    );
    // "€1,180 over 39 weeks, 80% interval €720–€1,650"
    await expect(card.getByTestId('insight-clv')).toHaveText(
      new RegExp(
        `^€[\\d,.]+ over ${insight.numbers.clv.horizonWeeks} weeks, ${Math.round(insight.numbers.clv.coverage * 100)}% interval €[\\d,.]+–€[\\d,.]+$`,
      ),
    );
    await expect(card.getByTestId('insight-orders')).toContainText(/orders? in 30 days · .* in 90 days/);
    await expect(card.getByTestId('insight-churn')).toHaveClass(
      new RegExp(`risk-${insight.numbers.churnLevel}`),
    );
    await expect(card.getByTestId('insight-actions').getByRole('listitem')).toHaveCount(
      insight.actions.length,
    );
    await expect(card.getByTestId('insight-trigger')).toHaveText('batch run');
    await expect(card.getByTestId('insight-analyzer')).toContainText(insight.promptVersion);

    const chart = card.getByTestId('next-purchases-chart');
    await expect(chart.locator('svg').first()).toBeVisible();
    await expect(chart.getByTestId('next-purchase-bar')).toHaveCount(insight.numbers.nextPurchases.length);
    await expect(chart).toContainText('today');
    await expect(chart).toContainText('days from today');
  });

  test('"Re-analyse now" replaces the insight with a manual one of just now', async ({ page }) => {
    const { customerId, answer } = await findCustomer(page.request, analysedWithPatterns);
    await page.goto(`/customers/${customerId}`);
    const card = page.getByTestId('insight-card');
    const age = card.locator('time');
    await expect(age).toHaveAttribute('datetime', answer.insight!.createdAt);
    await expect(card.getByTestId('insight-trigger')).toHaveText('batch run');

    await card.getByRole('button', { name: 'Re-analyse now' }).click();
    await expect(card.getByTestId('insight-trigger')).toHaveText('manual re-analysis');
    await expect(age).not.toHaveAttribute('datetime', answer.insight!.createdAt);
    await expect(card.getByTestId('insight-age')).toHaveText(/^(just now|\d{1,2} s ago)$/);
    await expect(card.getByRole('alert')).toHaveCount(0);
    const after = (await (await page.request.get(`/api/v1/customers/${customerId}/insights`)).json()) as {
      insight: { trigger: string };
    };
    expect(after.insight.trigger).toBe('manual');
  });

  test('a customer who refuses personalization shows why there is no insight, and no button', async ({
    page,
  }) => {
    const { customerId } = await findCustomer(page.request, (a) => a.consent === 'refused');
    await page.goto(`/customers/${customerId}`);
    const card = page.getByTestId('insight-card');
    await expect(card.getByTestId('insight-refused')).toHaveText(
      'This customer does not allow personalization: no insights are kept.',
    );
    await expect(card.getByRole('button', { name: /analyse/i })).toHaveCount(0);
    await expect(card.getByTestId('next-purchases-chart')).toHaveCount(0);
  });

  test('the Analysis page shows the completed run and its models, and a new run goes to 100 %', async ({
    page,
  }) => {
    const previous = await waitForCompletedRun(page.request);
    await page.goto('/analysis');
    await expect(page.getByRole('heading', { level: 1, name: 'Analysis' })).toBeVisible();
    const current = page.getByTestId('current-run');
    await expect(current).toContainText(previous.runId);
    await expect(current.getByTestId('run-status')).toHaveText('Completed');
    const bar = page.getByRole('progressbar', { name: 'Analysis run progress' });
    await expect(bar).toHaveAttribute('aria-valuenow', '100');
    const rows = page.getByTestId('run-row');
    const before = await rows.count();
    expect(before).toBeGreaterThan(0);
    const model = page.getByTestId('model-parameters');
    await expect(model).toContainText('BG/NBD r, α');
    await expect(model).toContainText('Gamma-Gamma p, q, γ');
    await expect(model).toContainText('orders per week');

    await page.getByRole('button', { name: 'Run analysis now' }).click();
    await expect(current).not.toContainText(previous.runId);
    await expect(current).toContainText('manual');
    await expect(current.getByTestId('run-status')).toHaveText('Completed', { timeout: 90_000 });
    await expect(bar).toHaveAttribute('aria-valuenow', '100');
    await expect(bar).toContainText(/customers \(100 %\)/);
    await expect(rows).toHaveCount(before + 1);
    await expect(rows.first()).toContainText('manual');
    await expect(page.getByTestId('start-run-error')).toHaveCount(0);
  });
});

test.describe('as a privacy officer', () => {
  test.use({ storageState: storageStateFor('privacy') });
  test.describe.configure({ timeout: RUN_WAIT_MS + 60_000 });

  test('has no Analysis section, cannot open it or start a run, and sees insights without the button', async ({
    page,
    browser,
  }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText(NAV_BY_ROLE.privacy);
    await expect(nav.getByRole('link', { name: 'Analysis' })).toHaveCount(0);
    const response = await page.goto('/analysis');
    expect(response?.status()).toBe(403);
    expect((await page.request.get('/api/v1/analysis/runs')).status()).toBe(403);
    expect((await page.request.post('/api/v1/analysis/runs')).status()).toBe(403);

    // The privacy role may not read runs: wait for the first one as marketing.
    const marketing = await browser.newContext({ storageState: storageStateFor('marketing') });
    await waitForCompletedRun(marketing.request);
    await marketing.close();
    const { customerId } = await findCustomer(
      page.request,
      (a) => a.consent === 'granted' && a.insight !== null,
    );
    expect((await page.request.post(`/api/v1/customers/${customerId}/analyze`)).status()).toBe(403);
    await page.goto(`/customers/${customerId}`);
    const card = page.getByTestId('insight-card');
    await expect(card.getByTestId('insight-summary')).toBeVisible();
    await expect(card.getByRole('button', { name: /analyse/i })).toHaveCount(0);
  });
});
