import type { StoredBacktest } from '@/lib/client/use-backtests';
import { addDays, storeDay } from '@/lib/time/store-time';
import { percent } from './insight-format';
import { wilsonInterval } from './backtest-rows';
import { startedLabel } from './run-format';

/** How the backtest panel says its form defaults, errors and figures. Pure, so it is unit tested. */

export const DEFAULT_HORIZON_DAYS = 90;

/**
 * The cut-off `daysBack` days before today, as YYYY-MM-DD in the store's zone: the server checks "cut-off + horizon
 * in the past" on the store's days, so a browser in another zone must not suggest a day the server refuses.
 */
export function defaultCutoff(now: Date, timeZone: string, daysBack = DEFAULT_HORIZON_DAYS): string {
  return addDays(storeDay(now, timeZone), -daysBack);
}

export type BacktestField = 'cutoff' | 'horizonDays';

/** A 400's field errors by form field (paths "body.cutoff", "body.horizonDays"); the rest for the whole form. */
export function backtestFieldErrors(errors: readonly { path: string; message: string }[]): {
  fields: Partial<Record<BacktestField, string>>;
  other: string[];
} {
  const fields: Partial<Record<BacktestField, string>> = {};
  const other: string[] = [];
  for (const e of errors) {
    const field = e.path.replace(/^body\./, '');
    if (field === 'cutoff' || field === 'horizonDays') fields[field] ??= e.message;
    else other.push(e.message);
  }
  return { fields, other };
}

/** "1.31 purchases": one to two decimals, enough to compare with the baseline. */
export const perCustomer = (n: number) =>
  `${n.toLocaleString('en', { maximumFractionDigits: 2 })} ${n === 1 ? 'purchase' : 'purchases'}`;

export const count = (n: number) => n.toLocaleString('en');

/** "2.0× better than carrying the past rate forward", or worse; "—" when either error is unknown. */
export function baselineComparison(mae: number, baselineMae: number): string {
  const tail = 'than carrying the past rate forward';
  if (!Number.isFinite(mae) || !Number.isFinite(baselineMae)) return '—';
  if (mae === baselineMae) return `no better ${tail}`;
  if (mae === 0) return `exact, unlike carrying the past rate forward`;
  if (baselineMae === 0) return `worse ${tail}, which was exact`;
  const ratio = mae < baselineMae ? baselineMae / mae : mae / baselineMae;
  return `${ratio.toFixed(1)}× ${mae < baselineMae ? 'better' : 'worse'} ${tail}`;
}

/** "+2.5%" or "−4.0%": how far the predicted total was from the actual one. */
export function totalDifference(predicted: number, actual: number): string {
  if (actual <= 0) return predicted > 0 ? 'none actually bought' : 'exact';
  const pct = ((predicted - actual) / actual) * 100;
  const text = Math.abs(pct).toFixed(1);
  if (text === '0.0') return 'spot on';
  return `${pct > 0 ? '+' : '−'}${text}% off`;
}

/** "45% of 120 customers (95% interval 36–54%)": a share measured on `n`, with how sure it is. */
export function shareOf(share: number, n: number, noun: [string, string]): string {
  const { low, high } = wilsonInterval(share, n);
  return `${percent(share)} of ${count(n)} ${n === 1 ? noun[0] : noun[1]} (95% interval ${Math.round(low * 100)}–${Math.round(high * 100)}%)`;
}

/** Three decimals: the scale people quote (0 perfect, 0.25 a coin toss). */
export const brier = (b: number | undefined) => (b !== undefined && Number.isFinite(b) ? b.toFixed(3) : '—');

/** The picker's line for one backtest: what was cut, how far ahead, when. */
export function backtestOptionLabel(
  b: Pick<StoredBacktest, 'score' | 'startedAt'>,
  timeZone: string,
): string {
  return `Cut-off ${b.score.cutoff}, ${count(b.score.horizonDays)} days · run ${startedLabel(b.startedAt, timeZone)}`;
}
