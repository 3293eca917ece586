import type { CumulativePoint, ExperimentResultsResponse } from '@/lib/experiments/api-contract';
import type { CustomMetric } from '@/lib/experiments/metrics';
import type { MetricResult, VariantResult } from '@/lib/experiments/stats/results-types';
import {
  countLabel,
  formatAbsoluteEffect,
  formatChance,
  formatInterval,
  formatPValue,
  formatRelative,
  formatValue,
  metricInfo,
  type MetricInfo,
} from './experiment-format';

/** Reshaping of an experiment's results for its table, forest plot and cumulative chart. Pure, so it is tested. */

export type Verdict = 'better' | 'worse' | 'unclear';

const ROLE_LABEL: Record<MetricResult['role'], string> = {
  primary: 'primary metric (decides)',
  secondary: 'secondary metric (informs)',
  guardrail: 'guardrail (must not get worse)',
};

/** Better or worse than control in the metric's good direction, when the corrected test says so. */
export function verdictOf(
  direction: MetricResult['direction'],
  comparison: VariantResult['comparison'],
): Verdict {
  if (!comparison?.significant || !comparison.absolute) return 'unclear';
  const gain =
    direction === 'higher-is-better' ? comparison.absolute.estimate : -comparison.absolute.estimate;
  return gain > 0 ? 'better' : gain < 0 ? 'worse' : 'unclear';
}

export interface VariantRow {
  variant: string;
  isControl: boolean;
  n: string;
  mean: string;
  /** CUPED-adjusted means also show the raw one. */
  unadjusted: string | null;
  absolute: string | null;
  absoluteInterval: string | null;
  relative: string | null;
  relativeInterval: string | null;
  pValue: string;
  pValueCorrected: string;
  chanceToWin: string;
  powerReached: string;
  verdict: Verdict;
  /** Why there are no numbers, or why the relative effect is missing. */
  note: string | null;
}

export interface MetricTable {
  key: string;
  name: string;
  role: MetricResult['role'];
  roleLabel: string;
  /** "USD per analysis", "share of predictions …": what the numbers are in. */
  unit: string;
  directionLabel: string;
  /** "Sequential test (always valid), 95 % intervals". */
  method: string;
  cuped: string | null;
  /** "Cannot compute …": the engine refused the metric's sums as impossible; its rows have no numbers. */
  refusal: string | null;
  rows: VariantRow[];
}

function variantRow(variant: VariantResult, metric: MetricResult, info: MetricInfo): VariantRow {
  const c = variant.comparison;
  const absolute = (v: number) => formatAbsoluteEffect(v, info);
  const adjusted =
    variant.unadjustedMean !== null && variant.mean !== null && variant.unadjustedMean !== variant.mean;
  return {
    variant: variant.variant,
    isControl: variant.isControl,
    n: countLabel(variant.n, 'observation'),
    mean: formatValue(variant.mean, info),
    unadjusted: adjusted ? formatValue(variant.unadjustedMean, info) : null,
    absolute: c?.absolute ? absolute(c.absolute.estimate) : null,
    absoluteInterval: c?.absolute ? formatInterval(c.absolute.lower, c.absolute.upper, absolute) : null,
    relative: c?.relative ? formatRelative(c.relative.estimate) : null,
    relativeInterval: c?.relative ? formatInterval(c.relative.lower, c.relative.upper, formatRelative) : null,
    pValue: c ? formatPValue(c.pValue) : '',
    pValueCorrected: c ? formatPValue(c.pValueCorrected) : '',
    chanceToWin: c ? formatChance(c.chanceToWin) : '',
    powerReached: c ? formatChance(c.powerReached) : '',
    verdict: verdictOf(metric.direction, c),
    note: c?.note ?? null,
  };
}

/** One table per metric, primary first as the results list them, control first in each. */
export function metricTables(
  results: ExperimentResultsResponse['results'],
  custom: readonly CustomMetric[] = [],
): MetricTable[] {
  const level = Math.round((1 - results.alpha) * 100);
  return results.metrics.map((metric) => {
    const info = metricInfo(metric.key, custom);
    const rows = [...metric.variants]
      .sort((a, b) => Number(b.isControl) - Number(a.isControl))
      .map((v) => variantRow(v, metric, info));
    const guardrail = metric.role === 'guardrail';
    const test =
      guardrail || results.method === 'sequential'
        ? 'Sequential test (valid at every look)'
        : 'Fixed-horizon test (read at the planned sample)';
    return {
      key: metric.key,
      name: info.name === metric.key ? metric.label : info.name,
      role: metric.role,
      roleLabel: ROLE_LABEL[metric.role],
      unit: metric.kind === 'proportion' ? `% — ${info.unit}` : info.unit,
      directionLabel: metric.direction === 'higher-is-better' ? 'higher is better' : 'lower is better',
      method: `${test}, ${level} % intervals, p-values corrected (${results.correction})`,
      cuped: metric.cuped
        ? `CUPED: variance reduced by ${Math.round(metric.cuped.varianceReduction * 100)} % using pre-period values`
        : null,
      refusal: metric.refusal ? metric.refusal.charAt(0).toUpperCase() + metric.refusal.slice(1) : null,
      rows,
    };
  });
}

export interface ForestRow {
  id: string;
  /** Position from the top, 0-based (the chart's y). */
  y: number;
  metric: string;
  variant: string;
  label: string;
  /** Relative effect and interval in percent of control (12.3 = +12.3 %). */
  estimate: number;
  lower: number;
  upper: number;
  /** Distances from the estimate to the interval's ends, as the error bar wants them. */
  errorX: [number, number];
  verdict: Verdict;
  text: string;
}

const pct = (fraction: number) => Math.round(fraction * 10_000) / 100;

/**
 * The forest plot's rows: every non-control variant on every metric that has a relative effect, in the results'
 * order. `missing` names the pairs left out and why, so the page can say so.
 */
export function forestRows(
  results: ExperimentResultsResponse['results'],
  custom: readonly CustomMetric[] = [],
): { rows: ForestRow[]; missing: string[] } {
  const rows: ForestRow[] = [];
  const missing: string[] = [];
  for (const metric of results.metrics) {
    const info = metricInfo(metric.key, custom);
    const name = info.name === metric.key ? metric.label : info.name;
    for (const variant of metric.variants) {
      const c = variant.comparison;
      if (!c) continue;
      const label = `${name} · ${variant.variant}`;
      if (!c.relative) {
        missing.push(`${label}: ${c.note ?? 'no relative effect yet'}`);
        continue;
      }
      const estimate = pct(c.relative.estimate);
      const lower = pct(c.relative.lower);
      const upper = pct(c.relative.upper);
      rows.push({
        id: `${metric.key}:${variant.variant}`,
        y: rows.length,
        metric: metric.key,
        variant: variant.variant,
        label,
        estimate,
        lower,
        upper,
        errorX: [Math.max(0, estimate - lower), Math.max(0, upper - estimate)],
        verdict: verdictOf(metric.direction, c),
        text: `${label}: ${formatRelative(c.relative.estimate)} (interval ${formatInterval(c.relative.lower, c.relative.upper, formatRelative)})`,
      });
    }
  }
  return { rows, missing };
}

export interface CumulativeRow {
  day: string;
  /** Relative effect per variant in percent; null while the data is thin. */
  values: Record<string, number | null>;
  /** Interval per variant in percent. */
  ranges: Record<string, [number, number] | null>;
  /** The same interval as distances below and above the estimate (the whiskers). */
  errors: Record<string, [number, number] | null>;
}

/** The cumulative chart's data for one metric: a row per day, a line (and band) per non-control variant. */
export function cumulativeSeries(
  points: readonly CumulativePoint[],
  metric: string,
): { variants: string[]; rows: CumulativeRow[] } {
  const mine = points.filter((p) => p.metric === metric);
  const variants = [...new Set(mine.map((p) => p.variant))];
  const byDay = new Map<string, CumulativeRow>();
  for (const p of [...mine].sort((a, b) => a.day.localeCompare(b.day))) {
    const row: CumulativeRow = byDay.get(p.day) ?? { day: p.day, values: {}, ranges: {}, errors: {} };
    const value = p.relative === null ? null : pct(p.relative);
    const range: [number, number] | null =
      p.lower === null || p.upper === null ? null : [pct(p.lower), pct(p.upper)];
    row.values[p.variant] = value;
    row.ranges[p.variant] = range;
    row.errors[p.variant] =
      value === null || range === null
        ? null
        : [Math.max(0, value - range[0]), Math.max(0, range[1] - value)];
    byDay.set(p.day, row);
  }
  const rows = [...byDay.values()];
  for (const row of rows)
    for (const v of variants) {
      row.values[v] ??= null;
      row.ranges[v] ??= null;
      row.errors[v] ??= null;
    }
  return { variants, rows };
}

/**
 * The cumulative chart's y ticks (percent): around the estimates and intervals of the latest third of the days (the
 * last day at least) and 0, so the chart shows what is known now; the first days' far wider intervals run off its
 * edge instead of stretching the axis to ±600 %. Null without any interval.
 */
export function cumulativeTicks(series: { variants: string[]; rows: CumulativeRow[] }): number[] | null {
  const recent = series.rows.slice(-Math.max(1, Math.ceil(series.rows.length / 3)));
  const values = recent.flatMap((row) =>
    series.variants.flatMap((v) => [
      ...(row.ranges[v] ?? []),
      ...(row.values[v] === null ? [] : [row.values[v]!]),
    ]),
  );
  if (!values.length) return null;
  return niceTicks(Math.min(...values), Math.max(...values));
}

/** What the cumulative chart says to a screen reader: the latest estimate per variant. */
export function cumulativeSummary(series: { variants: string[]; rows: CumulativeRow[] }, metricName: string) {
  const last = series.rows.at(-1);
  if (!last) return `${metricName}: no daily results yet`;
  const parts = series.variants.map((v) => {
    const value = last.values[v];
    const range = last.ranges[v];
    if (value === null || value === undefined) return `${v}: not enough data`;
    return `${v} ${formatRelative(value / 100)}${range ? ` (interval ${formatRelative(range[0] / 100)} to ${formatRelative(range[1] / 100)})` : ''}`;
  });
  return `${metricName}, relative effect against control as of ${last.day}: ${parts.join('; ')}`;
}

/** Round ticks (steps of 1, 2 or 5 × 10ⁿ, about `count` of them) covering [low, high] and 0: the forest plot's axis. */
export function niceTicks(low: number, high: number, count = 6): number[] {
  const lo = Math.min(0, low);
  const hi = Math.max(0, high);
  const span = hi - lo || 1;
  const raw = span / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let t = first; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  if (ticks.length < 2 || (ticks.at(-1) ?? -Infinity) < hi)
    ticks.push(Number((first + ticks.length * step).toPrecision(12)));
  return ticks;
}
