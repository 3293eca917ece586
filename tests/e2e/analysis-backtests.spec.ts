import { expect, test } from '@playwright/test';
import type { StoredBacktest } from '@/lib/client/use-backtests';
import { NAV_BY_ROLE, storageStateFor } from './support';

/**
 * Backtests on the Analysis page over the real stack. A backtest reads the seeded customers' purchase histories
 * directly, so nothing here waits for an analysis run; the demo seed writes its ground truth, so P(alive) is
 * scored too.
 */

const DAY_MS = 86_400_000;
/** The UTC day `days` before today, as the server counts days. */
const utcDaysAgo = (days: number) =>
  new Date((Math.floor(Date.now() / DAY_MS) - days) * DAY_MS).toISOString().slice(0, 10);

const isBacktestPost = (url: string, method: string) =>
  method === 'POST' && new URL(url).pathname === '/api/v1/analysis/backtests';

test.describe('as marketing', () => {
  test.use({ storageState: storageStateFor('marketing') });

  test('a backtest with the defaults shows its figures and a calibration chart with both series', async ({
    page,
  }) => {
    await page.goto('/analysis');
    const panel = page.getByTestId('backtest-panel');
    await expect(panel.getByRole('heading', { name: 'Backtests' })).toBeVisible();
    await expect(panel.getByLabel('Cut-off date (UTC)')).toHaveValue(utcDaysAgo(90));
    await expect(panel.getByLabel('Horizon (days)')).toHaveValue('90');

    const answer = page.waitForResponse((r) => isBacktestPost(r.url(), r.request().method()));
    await panel.getByRole('button', { name: 'Run backtest' }).click();
    const response = await answer;
    expect(response.status()).toBe(201);
    const { backtest } = (await response.json()) as { backtest: StoredBacktest };
    const { score } = backtest;
    expect(backtest.groundTruth).toBe(true);

    const result = panel.getByTestId('backtest-result');
    await expect(result).toHaveAttribute('data-run-id', backtest.runId);
    await expect(panel.getByRole('button', { name: 'Run backtest' })).toBeEnabled();
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await expect(result.getByTestId('backtest-meta')).toContainText(
      `Cut-off ${utcDaysAgo(90)}, horizon 90 days`,
    );

    await expect(result.getByTestId('backtest-purchases')).toContainText(
      `${score.purchases.predicted.toLocaleString('en')} predicted · ${score.purchases.actual.toLocaleString('en')} actual purchases`,
    );
    await expect(result.getByTestId('backtest-mae')).toContainText(
      /purchases? off on average, against [\d.]+ purchases? for the baseline: [\d.]+× (better|worse) than carrying the past rate forward/,
    );
    await expect(result.getByTestId('backtest-brier-repeat').locator('strong')).toHaveText(
      score.repeatBrier.toFixed(3),
    );
    await expect(result.getByTestId('backtest-brier-alive').locator('strong')).toHaveText(
      score.aliveBrier!.toFixed(3),
    );
    await expect(result.getByTestId('backtest-hit-rate')).toContainText(
      new RegExp(`\\d+% of ${score.nextCategory.customers} customers \\(95% interval \\d+–\\d+%\\)`),
    );
    await expect(result.getByTestId('backtest-coverage')).toContainText(
      new RegExp(
        `\\d+% of ${score.nextCategory.intervals} predictions \\(95% interval \\d+–\\d+%\\), target 80%`,
      ),
    );
    await expect(result.getByTestId('backtest-customers').locator('strong')).toHaveText(
      score.customers.toLocaleString('en'),
    );
    await expect(result.getByTestId('backtest-seconds')).toContainText(/\d s/);

    // Every score beside naive forecasts from the same history, the model's windows judged by the interval score.
    const scores = result.getByTestId('backtest-scores');
    await expect(scores.getByTestId('backtest-windows-verdict')).toContainText(
      new RegExp(
        `held [\\d.]+% of ${score.windows!.purchases.toLocaleString('en')} purchases and score \\d+% (better|worse) than the best naive forecast`,
      ),
    );
    const windows = scores.getByTestId('backtest-windows');
    await expect(windows.locator('tbody tr')).toHaveCount(score.windows!.methods.length);
    const model = score.windows!.methods.find((m) => m.id === 'model')!;
    await expect(windows.locator('tr[data-method="model"]')).toContainText(
      `${(Math.round(model.intervalScore * 10) / 10).toLocaleString('en')} d`,
    );
    for (const id of [
      'backtest-category-brier',
      'backtest-repeat-brier',
      'backtest-orders-error',
      'backtest-spend-error',
    ])
      await expect(scores.getByTestId(id).locator('tr[data-method="model"]')).toBeVisible();
    await expect(scores.getByTestId('backtest-capture')).toContainText('hindsight: the real top 10 %');

    const chart = result.getByTestId('calibration-chart');
    await expect(chart.locator('svg').first()).toBeVisible();
    await expect(chart).toContainText('Buys again within 90 days');
    await expect(chart).toContainText("P(alive) vs the seed's truth");
    await expect(chart).toContainText('perfectly calibrated');
    await expect(chart).toContainText('predicted probability');
    const filled = (bins: StoredBacktest['score']['repeatCalibration'] = []) =>
      bins.filter((b) => b.customers > 0).length;
    await expect(chart.locator('[data-testid="calibration-point"][data-series="repeat"]')).toHaveCount(
      filled(score.repeatCalibration),
    );
    await expect(chart.locator('[data-testid="calibration-point"][data-series="alive"]')).toHaveCount(
      filled(score.aliveCalibration),
    );
    await expect(chart).toHaveAttribute('aria-label', /^Calibration, .*Buys again within 90 days \(Brier /);
  });

  test('a cut-off too recent shows the server’s sentence; a horizon out of range is named at the field', async ({
    page,
  }) => {
    await page.goto('/analysis');
    const panel = page.getByTestId('backtest-panel');
    const run = panel.getByRole('button', { name: 'Run backtest' });

    await panel.getByLabel('Cut-off date (UTC)').fill(utcDaysAgo(0));
    await run.click();
    await expect(panel.getByTestId('backtest-error')).toHaveText(
      `Could not run the backtest: The cut-off plus the horizon (90 days) must lie in the past: choose a cut-off on or before ${utcDaysAgo(90)}.`,
    );

    const horizon = panel.getByLabel('Horizon (days)');
    await horizon.fill('400');
    await run.click();
    await expect(panel.getByTestId('backtest-horizon-error')).toHaveText('horizonDays must be at most 365');
    await expect(horizon).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByTestId('backtest-error')).toHaveCount(0);
    await expect(panel.getByTestId('backtest-cutoff-error')).toHaveCount(0);
  });
});

test.describe('as a privacy officer', () => {
  test.use({ storageState: storageStateFor('privacy') });

  test('has no Analysis section and can neither read nor run backtests', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText(NAV_BY_ROLE.privacy);
    const response = await page.goto('/analysis');
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('backtest-panel')).toHaveCount(0);

    expect((await page.request.get('/api/v1/analysis/backtests')).status()).toBe(403);
    const post = await page.request.post('/api/v1/analysis/backtests', {
      data: { cutoff: utcDaysAgo(90), horizonDays: 90 },
    });
    expect(post.status()).toBe(403);
  });
});
