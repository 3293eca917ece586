import type { PurchaseDigest } from '../../customers/purchase-digest';
import { epochDayToDay, storeDayStart } from '../../time/store-time';
import {
  boughtValues,
  missedValues,
  type Prediction,
  type PredictionValues,
} from '../outcomes/outcome-cells';

/** Orders in the digest are known by (the store's) day only: one counts at midday there. */
const MIDDAY = 12 * 3_600_000;

/**
 * How a prediction made on `day` fared, read from the customer's later orders in their purchase digest as the live
 * resolution (outcome-cells.ts) would read their purchase events: the next purchase of the category, once known at
 * `now`, gives accuracy (1 inside the window, 0 before or after it) and, within the horizon, the interval score and
 * bought_within_horizon 1 (outcome-cells.ts boughtValues); none by the horizon's end (`resolvesBy`; the window's
 * close for a prediction without scores) records the misses; `pending` until then. Days are the store's
 * (`timeZone`), as the digest counts them. Pure.
 */
export function outcomeFromHistory(
  digest: PurchaseDigest,
  day: number,
  prediction: Prediction,
  now: Date,
  timeZone: string,
): { values: PredictionValues; at: Date } | 'pending' {
  const boughtOn = (digest.categories[prediction.category] ?? [])
    .map((i) => digest.start + digest.days[i]!)
    .find((d) => d > day);
  const boughtAt =
    boughtOn === undefined ? undefined : storeDayStart(epochDayToDay(boughtOn), timeZone).getTime() + MIDDAY;
  const due = Date.parse(prediction.resolvesBy ?? prediction.closesAt);
  if (boughtAt !== undefined && boughtAt <= now.getTime() && boughtAt < due) {
    const inWindow = boughtAt >= Date.parse(prediction.opensAt) && boughtAt < Date.parse(prediction.closesAt);
    return { values: boughtValues(prediction, inWindow, boughtOn! - day), at: new Date(boughtAt) };
  }
  if (due <= now.getTime()) return { values: missedValues(prediction), at: new Date(due) };
  return 'pending';
}
