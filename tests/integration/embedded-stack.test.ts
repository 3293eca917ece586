import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStack } from '@/lib/aws/stack';
import { getUser } from '@/lib/auth/users/put-user';
import { resetConfig } from '@/lib/config';
import { ensureTables } from '@/lib/db/ensure-tables';
import { deleteItem, getItem, putItem, queryItems } from '@/lib/db/items';
import { moveLegacyRows } from '@/lib/db/move-legacy-rows';
import { tableName } from '@/lib/db/table-name';
import { TABLES, type TableDefinition, type TableName } from '@/lib/db/tables';
import { pingDynamo } from '@/lib/db/ping-dynamo';
import { describeEventsStream, ensureStreams } from '@/lib/kinesis/ensure-streams';
import { runToExit } from '../support/run-to-exit';
import { startTestStack, useTestStack } from './support/test-stack';

describe('embedded stack', () => {
  const stack = useTestStack();

  it('creates every table and the events stream, and a second ensure changes nothing', async () => {
    expect(await pingDynamo()).toEqual({ tables: TABLES.length, missing: [] });
    expect(await describeEventsStream()).toMatchObject({ status: 'ACTIVE', shards: 2 });
    expect(await ensureTables()).toEqual([]);
    expect((await ensureStreams()).created).toBe(false);
  });

  it('adds an index a newer version of a table has to the table already there, keeping its items', async () => {
    const v1: TableDefinition = {
      name: 'index_probe',
      owner: 'products',
      group: 'operational',
      purpose: 'test table',
      hash: { name: 'probeId', type: 'S' },
      indexes: [],
      erasure: { action: 'none', why: 'a test table' },
    };
    const v2: TableDefinition = {
      ...v1,
      indexes: [{ name: 'by_owner', hash: { name: 'ownerId', type: 'S' } }],
    };
    const probe = 'index_probe' as TableName;
    expect(await ensureTables([v1])).toEqual([tableName(probe)]);
    await putItem(probe, { probeId: 'p1', ownerId: 'o1' });
    expect(await ensureTables([v2])).toEqual([`${tableName(probe)}.by_owner`]);
    expect(await ensureTables([v2])).toEqual([]); // already there
    await putItem(probe, { probeId: 'p2', ownerId: 'o1' });
    const found = await queryItems(probe, {
      index: 'by_owner',
      keyCondition: 'ownerId = :o',
      values: { ':o': 'o1' },
    });
    expect(found.map((i) => i.probeId)).toContain('p2');
    expect(await getItem(probe, { probeId: 'p1' })).toMatchObject({ ownerId: 'o1' });
  });

  it('moves rows an older layout kept in stream_aggregates into the tables that own them, once', async () => {
    // As an install from before the split left them: business weeks and consent marks beside live rows.
    await putItem('stream_aggregates', { metric: 'business:week', bucket: '2026-11-30', orders: 3 });
    await putItem('stream_aggregates', { metric: 'business:totals', bucket: 'all', orders: 9 });
    await putItem('stream_aggregates', {
      metric: 'consent:enforcement',
      bucket: 'analytics:rejected',
      count: 4,
    });
    await putItem('stream_aggregates', { metric: 'activity', bucket: 'cus_legacy', visits: 2 });
    // A fresh store was marked done when it started; forget that, as an old store never had the mark.
    await deleteItem('business_weeks', { metric: '_moved_from', bucket: 'stream_aggregates' });
    await deleteItem('consent_aggregates', { metric: '_moved_from', bucket: 'stream_aggregates' });

    expect(await moveLegacyRows()).toEqual({ business_weeks: 2, consent_aggregates: 1 });
    expect(await getItem('business_weeks', { metric: 'business:week', bucket: '2026-11-30' })).toMatchObject({
      orders: 3,
    });
    expect(await getItem('business_weeks', { metric: 'business:totals', bucket: 'all' })).toMatchObject({
      orders: 9,
    });
    expect(
      await getItem('consent_aggregates', { metric: 'consent:enforcement', bucket: 'analytics:rejected' }),
    ).toMatchObject({ count: 4 });
    expect(
      await getItem('stream_aggregates', { metric: 'business:week', bucket: '2026-11-30' }),
    ).toBeUndefined();
    expect(await getItem('stream_aggregates', { metric: 'activity', bucket: 'cus_legacy' })).toMatchObject({
      visits: 2,
    });
    // Later starts skip the scan: a row left behind now stays where it is.
    await putItem('stream_aggregates', { metric: 'business:week', bucket: '2026-12-07', orders: 1 });
    expect(await moveLegacyRows()).toEqual({});
  });

  it('seeds the demo users with the configured password', async () => {
    const admin = await getUser('admin@example.com');
    expect(admin?.role).toBe('admin');
    expect(admin?.passwordHash).toMatch(/^scrypt\$/);
  });

  it('refuses a second owner of the same data directory with a sentence naming the owner', async () => {
    // A real second process, as a second `npm start` would be.
    const { code, output } = await runToExit(process.execPath, ['--import', 'tsx', 'lib/cli/start.ts'], {
      ...process.env,
      DATA_DIR: stack().dataDir,
      PORT: '3298',
      AWS_ENDPOINT_URL_DYNAMODB: '',
      AWS_ENDPOINT_URL_KINESIS: '',
    });
    expect(code).toBe(1);
    expect(output).toContain(
      `Data directory ${stack().dataDir} is already in use by Customer Pulse (pid ${process.pid}`,
    );
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('lets a CLI attach to the running owner instead of opening the data directory twice', async () => {
    const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
    delete process.env.AWS_ENDPOINT_URL_KINESIS;
    resetConfig();
    const attached = await openStack();
    expect(attached.mode).toBe('embedded-attached');
    expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(endpoint);
  });
});

describe('persistence', () => {
  it('keeps data across a restart on the same data directory', async () => {
    const first = await startTestStack();
    await putItem('products', { productId: 'prd_persist_01', name: 'Oat milk 1 L', categoryId: 'cat_dairy' });
    await first.close(false);
    expect(fs.existsSync(path.join(first.dataDir, 'instance.json'))).toBe(false);

    const second = await startTestStack(first.dataDir);
    try {
      expect(await getItem('products', { productId: 'prd_persist_01' })).toMatchObject({
        name: 'Oat milk 1 L',
      });
    } finally {
      await second.close();
    }
  });

  it('takes over a data directory whose owner died without cleaning up', async () => {
    const first = await startTestStack();
    await first.close(false);
    // A lock file left by a process that no longer exists (pid far above any live one here).
    fs.writeFileSync(
      path.join(first.dataDir, 'instance.json'),
      JSON.stringify({ pid: 2 ** 22 + 7, startedAt: '' }),
    );
    const second = await startTestStack(first.dataDir);
    expect(second.handle.mode).toBe('embedded-owner');
    await second.close(false);

    // After a crash and restart the pid in the file may be our own (pids are reused in containers).
    fs.writeFileSync(
      path.join(first.dataDir, 'instance.json'),
      JSON.stringify({ pid: process.pid, startedAt: '' }),
    );
    const third = await startTestStack(first.dataDir);
    expect(third.handle.mode).toBe('embedded-owner');
    await third.close();
  });
});
