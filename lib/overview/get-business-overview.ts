import { getItem, queryItems } from '../db/items';
import {
  BUSINESS_TOTALS_METRIC,
  BUSINESS_WEEK_METRIC,
  businessTotalsSchema,
  businessWeekSchema,
  type BusinessTotals,
  type BusinessWeek,
} from './business-week';

export interface BusinessOverview {
  totals: BusinessTotals | null;
  weeks: BusinessWeek[];
}

export async function getBusinessTotals(): Promise<BusinessTotals | null> {
  const item = await getItem('business_weeks', { metric: BUSINESS_TOTALS_METRIC, bucket: 'all' });
  return item ? businessTotalsSchema.parse(item) : null;
}

/** Totals and the weekly series since `fromWeek` (YYYY-MM-DD), oldest first. */
export async function getBusinessOverview(fromWeek = '0000-00-00'): Promise<BusinessOverview> {
  const [totals, weeks] = await Promise.all([
    getBusinessTotals(),
    queryItems('business_weeks', {
      keyCondition: 'metric = :m AND #bucket >= :from',
      names: { '#bucket': 'bucket' }, // a DynamoDB reserved word
      values: { ':m': BUSINESS_WEEK_METRIC, ':from': fromWeek },
    }),
  ]);
  return { totals, weeks: weeks.map((w) => businessWeekSchema.parse(w)) };
}
