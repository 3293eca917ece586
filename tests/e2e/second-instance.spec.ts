import { expect, test } from '@playwright/test';
import { E2E_DATA_DIR } from '../../playwright.config';
import { runToExit } from '../support/run-to-exit';

test('a second npm start on the same data directory says so and exits', async () => {
  test.setTimeout(90_000);
  const { code, output } = await runToExit('npm', ['start'], {
    ...process.env,
    DATA_DIR: E2E_DATA_DIR,
    PORT: '3299',
  });
  expect(code).toBe(1);
  expect(output).toContain(`Data directory ${E2E_DATA_DIR} is already in use by Customer Pulse`);
  expect(output).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
});
