import { batchPut } from '../db/batch';
import { putItem } from '../db/items';
import {
  BUSINESS_TOTALS_METRIC,
  BUSINESS_WEEK_METRIC,
  type BusinessTotals,
  type BusinessWeek,
} from './business-week';

/** Stores whole weeks (a bulk load such as the seed computes them exactly) and then the running totals. */
export async function putBusinessWeeks(weeks: BusinessWeek[], totals: BusinessTotals): Promise<void> {
  await batchPut(
    'business_weeks',
    weeks.map((w) => ({ metric: BUSINESS_WEEK_METRIC, bucket: w.week, ...w })),
  );
  await putItem('business_weeks', { metric: BUSINESS_TOTALS_METRIC, bucket: 'all', ...totals });
}
