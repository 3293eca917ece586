import type { BacktestScore } from '@/lib/analysis/backtest/score-backtest';

/**
 * The backtest's proper scores as rows for the Analysis page: each method beside the model, a bar length relative to
 * the worst of them, and one sentence a marketer can repeat. Pure, so it is unit tested.
 */
export interface ScoreRow {
  id: string;
  label: string;
  baseline: boolean;
  /** The value shown, formatted with its unit. */
  value: string;
  /** 0–100: the bar's length against the largest value in the table (lower is better for every score here but capture). */
  barPct: number;
  /** Extra columns, already formatted. */
  extra: string[];
}

const pct = (share: number) => `${(Math.round(share * 1000) / 10).toLocaleString('en')}%`;
const days = (n: number) => `${(Math.round(n * 10) / 10).toLocaleString('en')} d`;
const bar = (value: number, max: number) =>
  max > 0 && Number.isFinite(value) ? Math.round((value / max) * 100) : 0;

/** How much lower `model` is than `best` (the best baseline), as a sentence fragment. */
export function improvement(model: number, best: number): string {
  if (!(best > 0) || !Number.isFinite(model)) return 'no comparison';
  const change = (best - model) / best;
  const rounded = Math.round(Math.abs(change) * 100);
  if (rounded === 0) return 'as good as';
  return change > 0 ? `${rounded}% better than` : `${rounded}% worse than`;
}

export function windowRows(score: BacktestScore): { rows: ScoreRow[]; verdict: string } | undefined {
  const w = score.windows;
  if (!w) return undefined;
  const max = Math.max(...w.methods.map((m) => m.intervalScore).filter(Number.isFinite));
  const rows = w.methods.map((m) => ({
    id: m.id,
    label: m.label,
    baseline: m.baseline,
    value: days(m.intervalScore),
    barPct: bar(m.intervalScore, max),
    extra: [pct(m.coverage), days(m.medianWidth)],
  }));
  const model = w.methods.find((m) => m.id === 'model');
  const best = w.methods.filter((m) => m.baseline).sort((a, b) => a.intervalScore - b.intervalScore)[0];
  const verdict =
    model && best
      ? `The model's ${pct(w.coverage)} windows held ${pct(model.coverage)} of ${w.purchases.toLocaleString('en')} purchases and score ${improvement(model.intervalScore, best.intervalScore)} the best naive forecast (${best.label.replace(/^naive: /, '')}).`
      : '';
  return { rows, verdict };
}

export function brierRows(p: BacktestScore['repeat']): ScoreRow[] {
  if (!p) return [];
  const max = Math.max(...p.methods.map((m) => m.brier).filter(Number.isFinite));
  return p.methods.map((m) => ({
    id: m.id,
    label: m.label,
    baseline: m.baseline,
    value: m.brier.toFixed(3),
    barPct: bar(m.brier, max),
    extra: [],
  }));
}

export function valueRows(
  score: BacktestScore,
): { orders: ScoreRow[]; spend: ScoreRow[]; capture: ScoreRow[] } | undefined {
  const v = score.value;
  if (!v) return undefined;
  const money = (n: number) =>
    new Intl.NumberFormat('en', { style: 'currency', currency: v.currency }).format(n);
  const rows = <T extends { id: string; label: string; baseline: boolean }>(
    list: readonly T[],
    get: (m: T) => number,
    show: (n: number) => string,
  ): ScoreRow[] => {
    const max = Math.max(...list.map(get).filter(Number.isFinite));
    return list.map((m) => ({
      id: m.id,
      label: m.label,
      baseline: m.baseline,
      value: show(get(m)),
      barPct: bar(get(m), max),
      extra: [],
    }));
  };
  return {
    orders: rows(
      v.orders,
      (m) => m.mae,
      (n) => `${(Math.round(n * 100) / 100).toLocaleString('en')} orders`,
    ),
    spend: rows(v.spend, (m) => m.mae, money),
    capture: rows(
      v.topDecile,
      (m) => m.capture ?? NaN,
      (n) => (Number.isFinite(n) ? pct(n) : '—'),
    ),
  };
}
