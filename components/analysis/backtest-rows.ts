import type { BacktestScore, CalibrationBin } from '@/lib/analysis/backtest/score-backtest';
import { percent } from './insight-format';

/** Reshaping of a backtest's calibration bins for the calibration chart. Pure, so it is unit tested. */

export type CalibrationSeriesKey = 'repeat' | 'alive';

export interface CalibrationRow {
  series: CalibrationSeriesKey;
  /** The bin's mean predicted probability, 0..100 % with one decimal (the x of the point). */
  predictedPct: number;
  /** The share of the bin's customers for whom it came true, 0..100 % with one decimal (the y). */
  observedPct: number;
  /** 95 % interval of the observed share (Wilson), 0..100 %: a bin of 5 customers says little. */
  observedLowPct: number;
  observedHighPct: number;
  customers: number;
  /** The bin's range of predictions, "10–20%". */
  rangeLabel: string;
  /** "42 customers: predicted 15%, observed 12% (95% interval 5–25%)". */
  label: string;
}

export interface CalibrationSeries {
  key: CalibrationSeriesKey;
  /** The legend's name of the series. */
  label: string;
  brier: number;
  /** Customers over all the series' bins. */
  customers: number;
  rows: CalibrationRow[];
}

export type CalibrationInput = Pick<
  BacktestScore,
  'horizonDays' | 'repeatCalibration' | 'repeatBrier' | 'aliveCalibration' | 'aliveBrier'
>;

const Z95 = 1.96;

/** The 95 % Wilson score interval of a share observed in `n` trials; [0, 1] when there were none. */
export function wilsonInterval(share: number, n: number, z = Z95): { low: number; high: number } {
  if (!(n > 0)) return { low: 0, high: 1 };
  const p = Math.min(1, Math.max(0, share));
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

const pct1 = (share: number) => Math.round(share * 1000) / 10;
const customersLabel = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'customer' : 'customers'}`;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const seriesLabel = (key: CalibrationSeriesKey, horizonDays: number): string =>
  key === 'repeat' ? `Buys again within ${horizonDays} days` : "P(alive) vs the seed's truth";

/** One point per bin that has customers; bins stored with missing numbers are left out rather than drawn at 0. */
export function toCalibrationRows(
  bins: readonly CalibrationBin[] | undefined,
  series: CalibrationSeriesKey,
): CalibrationRow[] {
  if (!Array.isArray(bins)) return [];
  return bins
    .filter(
      (b) =>
        finite(b.customers) &&
        b.customers > 0 &&
        finite(b.meanPredicted) &&
        finite(b.observed) &&
        finite(b.from),
    )
    .sort((a, b) => a.meanPredicted - b.meanPredicted)
    .map((b) => {
      const interval = wilsonInterval(b.observed, b.customers);
      const observedLowPct = pct1(interval.low);
      const observedHighPct = pct1(interval.high);
      return {
        series,
        predictedPct: pct1(b.meanPredicted),
        observedPct: pct1(b.observed),
        observedLowPct,
        observedHighPct,
        customers: b.customers,
        rangeLabel: `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`,
        label: `${customersLabel(b.customers)}: predicted ${percent(b.meanPredicted)}, observed ${percent(b.observed)} (95% interval ${Math.round(observedLowPct)}–${Math.round(observedHighPct)}%)`,
      };
    });
}

/**
 * The chart's series: "buys again within the horizon" always, "P(alive) vs the seed's truth" only when the
 * backtest had ground truth; a series without any filled bin is left out.
 */
export function toCalibrationSeries(score: CalibrationInput): CalibrationSeries[] {
  const series: CalibrationSeries[] = [];
  const add = (key: CalibrationSeriesKey, bins: readonly CalibrationBin[] | undefined, brier: unknown) => {
    const rows = toCalibrationRows(bins, key);
    if (!rows.length) return;
    series.push({
      key,
      label: seriesLabel(key, score.horizonDays),
      brier: finite(brier) ? brier : Number.NaN,
      customers: rows.reduce((sum, r) => sum + r.customers, 0),
      rows,
    });
  };
  add('repeat', score.repeatCalibration, score.repeatBrier);
  add('alive', score.aliveCalibration, score.aliveBrier);
  return series;
}

/** What the chart says to a screen reader: each series, its Brier score and every point. */
export function calibrationSummary(series: readonly CalibrationSeries[]): string {
  if (!series.length) return 'Calibration: no predictions to compare';
  return `Calibration, predicted probability against observed share in percent: ${series
    .map(
      (s) =>
        `${s.label} (Brier ${finite(s.brier) ? s.brier.toFixed(3) : 'unknown'}): ${s.rows.map((r) => r.label).join('; ')}`,
    )
    .join('. ')}`;
}
