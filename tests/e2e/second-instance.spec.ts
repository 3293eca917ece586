import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { E2E_DATA_DIR } from '../../playwright.config';

test('a second npm start on the same data directory says so and exits', async () => {
  test.setTimeout(90_000);
  const child = spawn('npm', ['start'], {
    env: { ...process.env, DATA_DIR: E2E_DATA_DIR, PORT: '3299' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(output).toContain(`Data directory ${E2E_DATA_DIR} is already in use by Customer Pulse`);
  expect(output).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
});
