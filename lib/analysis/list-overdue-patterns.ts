import { scanItems } from '../db/items';
import { patternSchema, type Pattern } from './insight-store';

/**
 * Every category pattern whose predicted interval ended before `today` (YYYY-MM-DD): customers past their own
 * replenishment cycle, for the live early-churn detection. One filtered scan of `purchase_patterns`.
 */
export async function listOverduePatterns(today: string): Promise<Pattern[]> {
  const rows = await scanItems('purchase_patterns', {
    expression: 'nextHighOn < :today',
    values: { ':today': today },
  });
  return rows.map((row) => patternSchema.parse(row));
}
