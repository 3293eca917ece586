import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import type {
  AssignmentResponse,
  ExperimentResponse,
  ExperimentResultsResponse,
} from '@/lib/experiments/api-contract';
import { customerId } from '@/lib/seed/generate';
import { createPrng } from '@/lib/math/prng';
import { DEMO_API_KEY, storageStateFor } from './support';

/**
 * The Experiments section over the real stack. A marketing user creates an experiment in the form (a 400 first, shown
 * next to the fields), starts it, moves its ramp; the storefront then assigns the seeded customers and reports
 * accuracy with the demo key (a large, seeded effect), the page shows the variant table and the decision "ship", and
 * promoting the winner changes the product's default analyzer. The privacy role cannot open the section nor act.
 *
 * Both arms are the statistical analyzer (80 % against 90 % next-purchase windows): no Bedrock arm, so every seeded
 * customer may enter (no ai_processing consent needed) and the promoted default stays a free, local analyzer for the
 * specs that analyse customers afterwards.
 */

const KEY = 'wide-windows-e2e';
/** The experiment the demo seed starts (lib/experiments/demo/seed-demo-experiment.ts). */
const DEMO = 'next-purchase-timing';
// Every seeded customer (SEED_CUSTOMERS=300) but those other specs erase or change consent for.
const CUSTOMERS = Array.from({ length: 300 }, (_, i) => customerId(i)).filter(
  (id) => !['cus_000001', 'cus_000007', 'cus_000150'].includes(id),
);
/** Per assigned customer: this many accuracy outcomes, 30 % right with the control and 75 % with the wide windows. */
const OUTCOMES_PER_CUSTOMER = 3;
const ACCURACY = { control: 0.3, wide: 0.75 } as Record<string, number>;

/** The storefront: no browser session, only its API key. */
async function storefront(playwright: PlaywrightWorkerArgs['playwright']) {
  return playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { 'x-api-key': DEMO_API_KEY },
  });
}

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  each: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(each))));
  return out;
}

/** Asks for every customer's variant; returns who is in which. */
async function assignAll(api: APIRequestContext, key: string): Promise<Map<string, string>> {
  const answers = await inBatches(CUSTOMERS, 8, async (id) => {
    const response = await api.post(`/api/v1/experiments/${key}/assignments`, { data: { customerId: id } });
    expect(response.status(), await response.text()).toBe(200);
    return [id, (await response.json()) as AssignmentResponse] as const;
  });
  const variants = new Map<string, string>();
  for (const [id, a] of answers) if (a.inExperiment && !a.holdout) variants.set(id, a.variant);
  return variants;
}

/** Seeded accuracy and latency outcomes for the assigned customers, sent as the storefront would (≤ 500 a request). */
async function reportOutcomes(api: APIRequestContext, key: string, variants: Map<string, string>) {
  const rng = createPrng('experiments-e2e');
  const observations = [...variants].flatMap(([id, variant]) =>
    Array.from({ length: OUTCOMES_PER_CUSTOMER }, (_, k) => ({
      observationId: `${id}-${k}`,
      customerId: id,
      values: {
        accuracy: rng.bernoulli(ACCURACY[variant] ?? 0.3) ? 1 : 0,
        latency_ms: Math.max(50, Math.round(rng.normal(400, 60))),
      },
    })),
  );
  for (let i = 0; i < observations.length; i += 500) {
    const response = await api.post(`/api/v1/experiments/${key}/observations`, {
      data: { observations: observations.slice(i, i + 500) },
    });
    expect(response.status(), await response.text()).toBe(202);
  }
  return observations.length;
}

async function readExperiment(page: Page, key: string) {
  const response = await page.request.get(`/api/v1/experiments/${key}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as ExperimentResponse).experiment;
}

/** Confirms the open dialog with a reason. */
async function confirmDialog(page: Page, button: string, reason?: string) {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  if (reason) await dialog.getByLabel(/^Reason/).fill(reason);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test.describe('as marketing', () => {
  test.use({ storageState: storageStateFor('marketing') });

  test('a marketing user creates an experiment, starts it, sees results after simulated traffic, and promotes the winner', async ({
    page,
    playwright,
  }) => {
    test.setTimeout(150_000);
    await page.goto('/experiments');
    await expect(page.getByRole('heading', { level: 1, name: 'Experiments' })).toBeVisible();
    await page.getByRole('link', { name: 'New experiment' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New experiment' })).toBeVisible();

    const form = page.getByRole('form', { name: 'New experiment' });
    await form.getByLabel('Key', { exact: true }).fill('Not A Slug');
    await form.getByLabel('Name', { exact: true }).fill('Wider next-purchase windows');
    await form
      .getByLabel('Hypothesis')
      .fill('Predicting 90 % windows makes more predictions come true than 80 % ones.');
    await form.getByLabel('Variant 2 name').fill('wide');
    await form.getByLabel('Variant 2 analyzer').selectOption('statistical');
    await form.getByLabel('Variant 2 window coverage (%)').fill('90');
    await form.getByLabel('Variant 2 weight (%)').fill('60');
    await form.getByLabel('Ramp steps (% of eligible traffic)').fill('50, 100');

    // The server's 400 names each field; the form shows each message next to its field.
    const refused = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/experiments') && r.request().method() === 'POST',
    );
    await form.getByRole('button', { name: 'Create experiment' }).click();
    expect((await refused).status()).toBe(400);
    await expect(form.getByTestId('error-exp-error-key')).toContainText('must be a slug');
    await expect(form.getByTestId('error-exp-error-variants')).toContainText(
      'the weights must add up to 100 (they add up to 110)',
    );
    await expect(form.getByLabel('Key', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('Key', { exact: true }).fill(KEY);
    await form.getByRole('button', { name: 'Split evenly' }).click();
    await expect(form.getByTestId('weight-total')).toHaveText('Weights add up to 100 %');
    // The power calculator sizes the plan: 30 % accuracy now, a 50 % relative lift worth detecting.
    const calculator = form.getByTestId('power-calculator');
    await calculator.getByLabel('Baseline rate (%)').fill('30');
    await calculator.getByLabel('Minimum detectable effect (% relative)').fill('50');
    await expect(calculator.getByTestId('power-result')).toContainText('users per variant');
    await expect(calculator.getByTestId('power-result')).toContainText('30 % → 45 %');
    await expect(calculator.getByTestId('power-result')).toContainText(
      /About \d+ days? at 200 customers a day/,
    );
    await calculator.getByRole('button', { name: /^Use [\d,]+ per variant$/ }).click();
    const planned = Number(await form.getByLabel('Planned users per variant').inputValue());
    expect(planned).toBeGreaterThan(50);

    await form.getByRole('button', { name: 'Create experiment' }).click();
    await expect(page).toHaveURL(new RegExp(`/experiments/${KEY}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Wider next-purchase windows' })).toBeVisible();
    await expect(page.getByTestId('experiment-status')).toHaveText('Draft');

    // Start: the ramp begins at its first step.
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await confirmDialog(page, 'Start', 'Ready to test wider windows');
    await expect(page.getByTestId('experiment-status')).toHaveText('Running');
    await expect(page.getByTestId('ramp-current')).toHaveText('50 % of eligible customers may enter now');
    await expect(page.getByTestId('ramp-step').nth(0)).toHaveAttribute('data-state', 'current');

    // Someone else advances the ramp meanwhile: the page's own advance is refused as stale and the page reloads.
    const seen = await readExperiment(page, KEY);
    const elsewhere = await page.request.patch(`/api/v1/experiments/${KEY}`, {
      data: { action: 'advance_ramp', revision: seen.revision, reason: 'advanced from another tab' },
    });
    expect(elsewhere.status(), await elsewhere.text()).toBe(200);
    await page.getByRole('button', { name: 'Advance ramp to 100 %' }).click();
    await confirmDialog(page, 'Advance ramp');
    await expect(page.getByTestId('action-notice')).toContainText('changed by someone else');
    await expect(page.getByTestId('ramp-current')).toHaveText('100 % of eligible customers may enter now');
    await expect(page.getByTestId('ramp-step').nth(1)).toHaveAttribute('data-state', 'current');
    await expect(page.getByTestId('ramp-history')).toContainText(
      'Advanced 50 % → 100 % — advanced from another tab',
    );
    await expect(page.getByRole('button', { name: /Advance ramp/ })).toHaveCount(0);

    // Simulated storefront traffic.
    const api = await storefront(playwright);
    const variants = await assignAll(api, KEY);
    const counts = { control: 0, wide: 0 } as Record<string, number>;
    for (const v of variants.values()) counts[v] = (counts[v] ?? 0) + 1;
    expect(counts.control, 'customers in control').toBeGreaterThan(80);
    expect(counts.wide, 'customers in wide').toBeGreaterThan(80);
    await reportOutcomes(api, KEY, variants);
    await api.dispose();

    const resultsResponse = await page.request.get(`/api/v1/experiments/${KEY}/results`);
    expect(resultsResponse.status()).toBe(200);
    const results = (await resultsResponse.json()) as ExperimentResultsResponse;
    expect(results.results.decision.label).toBe('ship wide');

    await page.reload();
    const decision = page.getByTestId('decision-panel');
    await expect(decision.getByTestId('decision-badge')).toHaveText('ship wide');
    // The verdict in words first; the engine's reason and every table behind the statistics toggle.
    await expect(decision.getByTestId('verdict-headline')).toHaveText(
      /^Ship wide: it scores \d+ % better than control on the accuracy, and the sequential test is conclusive\.$/,
    );
    await expect(page.getByTestId('srm-banner')).toHaveCount(0);
    await expect(page.getByTestId('decision-reason')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show the statistics' }).click();
    await expect(page.getByTestId('decision-reason')).toContainText('wide beats control on Accuracy: +');

    const accuracy = page.locator('[data-testid="metric-table"][data-metric="accuracy"]');
    const accuracyResult = results.results.metrics.find((m) => m.key === 'accuracy')!;
    const wideResult = accuracyResult.variants.find((v) => v.variant === 'wide')!;
    const wideRow = accuracy.locator('[data-testid="result-row"][data-variant="wide"]');
    await expect(wideRow).toContainText(`${wideResult.n.toLocaleString('en')} observations`);
    await expect(wideRow.getByTestId('result-mean')).toHaveText(
      `${((wideResult.mean ?? 0) * 100).toFixed(1)} %`,
    );
    await expect(wideRow.getByTestId('result-relative')).toContainText(
      /^\+\d+\.\d %\+\d+\.\d % to \+\d+\.\d %$/,
    );
    await expect(wideRow.getByTestId('result-absolute')).toContainText(/^\+\d+\.\d pp/);
    await expect(wideRow.getByTestId('result-p-corrected')).toHaveText('< 0.001');
    await expect(wideRow).toContainText('better');
    await expect(accuracy).toContainText('Sequential test (valid at every look), 95 % intervals');
    const controlRow = accuracy.locator('[data-testid="result-row"][data-variant="control"]');
    await expect(controlRow).toContainText('(control)');

    await expect(page.locator('[data-testid="forest-point"][data-row="accuracy:wide"]')).toHaveAttribute(
      'data-verdict',
      'better',
    );
    await expect(page.getByTestId('cumulative-chart')).toHaveAttribute(
      'aria-label',
      /^Accuracy, relative effect/,
    );
    for (const v of ['control', 'wide'])
      await expect(page.locator(`[data-testid="sample-progress"][data-variant="${v}"]`)).toContainText(
        `${results.sample.assignedPerVariant[v]!.toLocaleString('en')} users of ${planned.toLocaleString('en')} planned`,
      );
    await expect(page.locator('[data-testid="variant-summary"][data-variant="wide"]')).toContainText(
      'Statistical · 90 % windows',
    );

    // The list shows it running at 100 % with its decision; the status filter lives in the URL.
    await page.goto('/experiments?status=running');
    const row = page.locator(`[data-testid="experiment-row"][data-key="${KEY}"]`);
    await expect(row).toContainText('Running');
    await expect(row).toContainText('100 %');
    await expect(row.getByTestId('decision-badge')).toHaveText('ship wide');
    await expect(row).toContainText('Accuracy');
    await page.getByLabel('Status filter').selectOption('concluded');
    await expect(page).toHaveURL(/\/experiments\?status=concluded$/);
    await expect(page.locator(`[data-testid="experiment-row"][data-key="${KEY}"]`)).toHaveCount(0);

    // Promote the winner: the default analyzer changes and the experiment is concluded.
    await page.goto(`/experiments/${KEY}`);
    await expect(page.getByTestId('default-analyzer')).not.toContainText('90 % windows');
    await page.getByRole('button', { name: 'Promote winner: wide' }).click();
    await confirmDialog(page, 'Promote', 'Accuracy up by more than half with no latency cost');
    await expect(page.getByTestId('action-notice')).toContainText('wide is promoted');
    await expect(page.getByTestId('experiment-status')).toHaveText('Concluded');
    await expect(page.getByTestId('default-analyzer')).toContainText(
      'Default analyzer now: Statistical · 90 % windows',
    );
    await page.reload();
    await expect(page.getByTestId('default-analyzer')).toContainText(
      'Default analyzer now: Statistical · 90 % windows promoted from this experiment (wide)',
    );
    await expect(page.getByRole('button', { name: /Promote winner/ })).toHaveCount(0);
    const concluded = await readExperiment(page, KEY);
    expect(concluded.conclusion?.winner).toBe('wide');
  });
});

test.describe('the demo experiment, as marketing', () => {
  test.use({ storageState: storageStateFor('marketing') });

  test('reads as a decision on the interval score, with the statistics behind a toggle', async ({ page }) => {
    const response = await page.request.get(`/api/v1/experiments/${DEMO}/results`);
    expect(response.status()).toBe(200);
    const { results, sample } = (await response.json()) as ExperimentResultsResponse;
    const primary = results.metrics.find((m) => m.role === 'primary')!;
    expect(primary).toMatchObject({ key: 'interval_score', direction: 'lower-is-better' });

    await page.goto(`/experiments/${DEMO}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Next-purchase timing');
    const verdict = page.getByTestId('verdict');
    // The verdict follows the interval score: ship the category timing model only on a conclusive sequential
    // test, otherwise keep running and say not to ship, whichever way the lead goes.
    if (results.decision.action === 'ship') {
      expect(results.decision.variant).toBe('category-timing');
      await expect(verdict.getByTestId('verdict-headline')).toHaveText(
        /^Ship category-timing: it scores \d+ % better than gap-only on the interval score, and the sequential test is conclusive\.$/,
      );
    } else {
      expect(results.decision.action).toBe('keep-running');
      await expect(verdict.getByTestId('verdict-headline')).toHaveText(
        /^Keep running: category-timing scores (\d+ % (better|worse) than|about the same as) gap-only on the interval score so far, but that could still be chance \(the interval runs from .+\)\. Do not ship yet\.$/,
      );
    }
    // The business impact in days, what the score covers, and the plan against what was reached.
    await expect(verdict.getByTestId('verdict-impact')).toHaveText(
      /^category-timing's windows are \d+\.\d days (narrower|wider) \(.+\) and its misses cost \d+\.\d days (less|more) .+: (customers would get reminders closer to when they buy|reminders would land further from when customers buy)\.$/,
    );
    await expect(verdict.getByTestId('verdict-scope')).toContainText(
      'predictions whose category was bought within 90 days',
    );
    const reached = Math.min(...Object.values(sample.assignedPerVariant));
    await expect(verdict.getByTestId('verdict-power')).toContainText(
      `of the users it planned (${reached.toLocaleString('en')} of ${sample.plannedPerVariant!.toLocaleString('en')} per variant)`,
    );

    // The statistics are folded away until asked for.
    const toggle = page.getByRole('button', { name: 'Show the statistics' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('statistics-body')).toHaveCount(0);
    await toggle.click();
    const hide = page.getByRole('button', { name: 'Hide the statistics' });
    await expect(hide).toHaveAttribute('aria-expanded', 'true');
    const body = page.getByTestId('statistics-body');
    await expect(body.getByTestId('decision-reason')).toContainText(results.decision.reason);
    await expect(body.getByTestId('statistics-method')).toContainText('Sequential test');
    const table = body.locator('[data-testid="metric-table"][data-metric="interval_score"]');
    await expect(table).toContainText('lower is better');
    await expect(table).toContainText('primary metric (decides)');
    await expect(body.getByTestId('cumulative-chart')).toHaveAttribute(
      'aria-label',
      /^Interval score, relative effect/,
    );
    await hide.click();
    await expect(page.getByTestId('statistics-body')).toHaveCount(0);
  });
});

test.describe('as privacy', () => {
  test.use({ storageState: storageStateFor('privacy') });

  test('the privacy role cannot open Experiments nor change one', async ({ page }) => {
    for (const path of ['/experiments', '/experiments/new', `/experiments/${KEY}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
    }
    expect((await page.request.get('/api/v1/experiments')).status()).toBe(403);
    const patch = await page.request.patch(`/api/v1/experiments/${KEY}`, {
      data: { action: 'pause', revision: 0, reason: 'not mine to pause' },
    });
    expect(patch.status()).toBe(403);
  });
});
