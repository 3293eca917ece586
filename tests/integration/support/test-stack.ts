import { afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resetClients } from '@/lib/aws/clients';
import { openStack, type StackHandle } from '@/lib/aws/stack';
import { prepareStore } from '@/lib/cli/prepare-store';
import { resetConfig } from '@/lib/config';

export const TEST_AUTH_SECRET = 'integration-test-secret-0123456789abcdef';
export const TEST_DEMO_KEY = 'cp_demo_integration_key_0123456789';

export interface TestStack {
  dataDir: string;
  handle: StackHandle;
  /** Stops the servers; the data directory stays unless `remove`. */
  close(remove?: boolean): Promise<void>;
}

/** Embedded DynamoDB + Kinesis on free ports with a fresh temp data dir (or a given one), tables and stream ready. */
export async function startTestStack(dataDir?: string): Promise<TestStack> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cp-it-'));
  Object.assign(process.env, {
    EMBEDDED: 'true',
    DATA_DIR: dir,
    AUTH_SECRET: TEST_AUTH_SECRET,
    DEMO_API_KEY: TEST_DEMO_KEY,
    DEMO_PASSWORD: 'integration-pass',
    EVENTS_STREAM_SHARDS: '2',
  });
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  delete process.env.AWS_ENDPOINT_URL_KINESIS;
  resetConfig();
  resetClients();
  const handle = await openStack({ own: true });
  await prepareStore(() => undefined, { recordUnits: true });
  return {
    dataDir: dir,
    handle,
    async close(remove = true) {
      await handle.close();
      delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
      delete process.env.AWS_ENDPOINT_URL_KINESIS;
      resetConfig();
      if (remove) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts a test stack before the enclosing suite's tests and stops it after them; returns a getter for it. */
export function useTestStack(): () => TestStack {
  let stack: TestStack | undefined;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });
  return () => {
    if (!stack) throw new Error('The test stack has not started.');
    return stack;
  };
}
