import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getConfig } from '../../config';
import { listAllCustomers } from '../../customers/list-all-customers';
import { putItem, queryPage } from '../../db/items';
import { unprocessable } from '../../errors/domain-error';
import { allConsentStates } from '../../privacy/consent/consent-states';
import { epochDayToDay, storeDayStart, storeEpochDay } from '../../time/store-time';
import { aliveAtFromGroundTruth } from './ground-truth';
import { scoreBacktest, type BacktestScore } from './score-backtest';

/**
 * Runs a backtest over every customer who allows personalization and stores it in `analysis_runs` (kind
 * `backtest`) with its scores.
 */
export const backtestRequestSchema = z.strictObject({
  cutoff: z.iso.date({ message: 'cutoff must be a day as YYYY-MM-DD' }),
  horizonDays: z
    .number()
    .int()
    .min(7, 'horizonDays must be at least 7')
    .max(365, 'horizonDays must be at most 365'),
});
export type BacktestRequest = z.infer<typeof backtestRequestSchema>;

export interface StoredBacktest {
  runId: string;
  kind: 'backtest';
  startedAt: string;
  requestedBy: string;
  analyzer: 'statistical';
  status: 'completed';
  seconds: number;
  groundTruth: boolean;
  score: BacktestScore;
}

// Parsed on the way out of storage; the score's inner shape is what scoreBacktest wrote.
const storedBacktestSchema = z.object({
  runId: z.string(),
  kind: z.literal('backtest'),
  startedAt: z.string(),
  requestedBy: z.string(),
  analyzer: z.literal('statistical'),
  status: z.literal('completed'),
  seconds: z.number(),
  groundTruth: z.boolean(),
  score: z.looseObject({ cutoff: z.string(), horizonDays: z.number(), customers: z.number() }),
});

const DAY = 86_400_000;

export async function runBacktest(
  request: BacktestRequest,
  requestedBy: string,
  now = new Date(),
): Promise<StoredBacktest> {
  // Days are the store's (STORE_TIMEZONE), as the purchase digests count them: "the past" is before its today.
  const { STORE_TIMEZONE: timeZone } = getConfig();
  const cutoffDay = Math.floor(Date.parse(`${request.cutoff}T00:00:00Z`) / DAY);
  const nowDay = storeEpochDay(now, timeZone);
  if (cutoffDay + request.horizonDays > nowDay)
    throw unprocessable(
      `The cut-off plus the horizon (${request.horizonDays} days) must lie in the past: choose a cut-off on or before ${epochDayToDay(nowDay - request.horizonDays)}.`,
    );
  const started = performance.now();
  const [all, consent, truth] = await Promise.all([
    listAllCustomers(),
    allConsentStates(),
    aliveAtFromGroundTruth(storeDayStart(request.cutoff, timeZone).toISOString()),
  ]);
  const customers = all
    .filter((c) => c.purchases?.days.length && consent.stateOf(c.customerId).personalization)
    .map((c) => ({
      customerId: c.customerId,
      digest: c.purchases!,
      aliveAtCutoff: truth?.get(c.customerId),
    }));
  const known = customers.filter((c) => c.digest.start <= cutoffDay).length;
  if (known < 10)
    throw unprocessable(
      `Only ${known} customers had bought by ${request.cutoff}; a backtest needs at least 10: choose a later cut-off.`,
    );
  let score: BacktestScore;
  try {
    score = scoreBacktest(customers, cutoffDay, request.horizonDays, getConfig().STORE_CURRENCY);
  } catch (error) {
    // Too little history before the cut-off to fit the models (e.g. hardly any repeat buyers yet).
    if (error instanceof RangeError)
      throw unprocessable(
        `Too little history before ${request.cutoff}: ${error.message}; choose a later cut-off.`,
      );
    throw error;
  }
  const backtest: StoredBacktest = {
    runId: `backtest_${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}_${randomUUID().slice(0, 6)}`,
    kind: 'backtest',
    startedAt: now.toISOString(),
    requestedBy,
    analyzer: 'statistical',
    status: 'completed',
    seconds: Math.round((performance.now() - started) / 100) / 10,
    groundTruth: truth !== undefined,
    score,
  };
  await putItem('analysis_runs', { ...backtest });
  return backtest;
}

/** The newest backtests, with the store's time zone their cut-off days are in (what the form suggests days in). */
export async function listBacktests(
  limit: number,
): Promise<{ backtests: StoredBacktest[]; timeZone: string }> {
  const page = await queryPage('analysis_runs', {
    index: 'by_kind',
    keyCondition: 'kind = :k',
    values: { ':k': 'backtest' },
    forward: false,
    limit,
  });
  return {
    backtests: page.items.map((i) => storedBacktestSchema.parse(i) as unknown as StoredBacktest),
    timeZone: getConfig().STORE_TIMEZONE,
  };
}
