import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statisticalAnalyzer } from '@/lib/analysis/analyzers/statistical-analyzer';
import { getRun } from '@/lib/analysis/runs/run';
import { runBatch } from '@/lib/analysis/runs/run-batch';
import { resetConfig } from '@/lib/config';
import { getImport } from '@/lib/imports/import-history';
import { runImport } from '@/lib/imports/run-import';
import { summaryLines } from '@/lib/imports/summary-lines';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { useTestStack } from './support/test-stack';

describe('an analysis run over customers who have not allowed personalization', () => {
  const stack = useTestStack();

  it('fails saying how many customers allow it and where consent comes from, not that there are no orders', async () => {
    // No CONSENT_DEFAULT_GRANTED: imported customers get every opt-in purpose denied.
    delete process.env.CONSENT_DEFAULT_GRANTED;
    resetConfig();
    const file = path.join(stack().dataDir, 'no-consent.csv');
    const rows = ['order_id,customer_id,ordered_at,sku,category,quantity,line_total,currency'];
    for (let c = 1; c <= 15; c++)
      for (let o = 1; o <= 3; o++)
        rows.push(`NC-${c}-${o},NC${c},2025-0${o}-1${c % 9}T10:00:00Z,MILK-1,dairy,1,1.19,EUR`);
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    const result = await runImport({ ordersFile: file, format: 'auto', dryRun: false, requestedBy: 'test' });
    await closeEventPublisher();
    expect(result.summary.customers).toBe(15);
    // The import says so at once, in its summary and its record.
    expect(summaryLines(result).join('\n')).toContain('15 do not allow personalization');
    expect((await getImport(result.importId))?.finishing).toMatchObject({ scored: 0, refused: 15 });
    const runId = result.finished!.analysisRunId!;

    await expect(runBatch(runId, { analyzer: statisticalAnalyzer })).rejects.toThrow(RangeError);
    const run = await getRun(runId);
    expect(run?.status).toBe('failed');
    expect(run?.error).toBe(
      '0 customers with orders allow personalization (15 customers do not); the models need at least 10: consent comes ' +
        'from the storefront, the consent columns of an import, or CONSENT_DEFAULT_GRANTED (docs/configuration.md)',
    );
  });
});
