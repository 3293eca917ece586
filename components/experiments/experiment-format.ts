import type { ExperimentResults } from '@/lib/experiments/stats/results-types';
import type { AnalyzerConfig, ExperimentStatus } from '@/lib/experiments/experiment';
import { metricDefinition, type CustomMetric, type MetricKind } from '@/lib/experiments/metrics';
import { dateTimeLabel } from '@/lib/time/clock-format';

/**
 * How experiments' numbers and states read on the page: every number with its unit, effects signed, intervals as
 * "from to". Pure, so it is unit tested.
 */

export const STATUS_LABEL: Record<ExperimentStatus, string> = {
  draft: 'Draft',
  running: 'Running',
  paused: 'Paused',
  stopped: 'Stopped',
  concluded: 'Concluded',
};

type Decision = ExperimentResults['decision'];

/** The badge's look: ship (green), keep running (neutral), no difference (grey), stop: guardrail (red). */
export function decisionTone(decision: Decision | null): 'ship' | 'keep' | 'none' | 'stop' | 'draft' {
  if (!decision) return 'draft';
  switch (decision.action) {
    case 'ship':
      return 'ship';
    case 'no-difference':
      return 'none';
    case 'stop-guardrail':
      return 'stop';
    default:
      return 'keep';
  }
}

/** "keep running", "ship haiku", "no difference", "stop: guardrail", or why there is none yet. */
export function decisionText(decision: Decision | null, status: ExperimentStatus): string {
  if (decision) return decision.label;
  return status === 'draft' ? 'not started' : 'no results yet';
}

export function daysRunningLabel(days: number | null): string {
  if (days === null) return 'not started';
  return `${days.toLocaleString('en')} ${days === 1 ? 'day' : 'days'}`;
}

/** What the page needs to know about a metric to show its numbers. */
export interface MetricInfo {
  key: string;
  name: string;
  kind: MetricKind;
  direction: 'higher' | 'lower';
  /** The catalogue's unit in words ("USD per analysis"). */
  unit: string;
  /** What follows a value in a cell: "%" for shares, the unit's head otherwise ("USD", "ms"). */
  shortUnit: string;
}

/** "USD per analysis" → "USD"; a unit without "per" is kept whole. */
export function shortUnitOf(unit: string, kind: MetricKind): string {
  if (kind === 'proportion') return '%';
  const head = unit.split(/\s+per\s+/i)[0]?.trim();
  return head || unit;
}

/** The metric's name, kind and units from the catalogue or the experiment's custom metrics. */
export function metricInfo(key: string, custom: readonly CustomMetric[] = []): MetricInfo {
  const definition = metricDefinition(key, custom);
  if (!definition)
    return { key, name: key, kind: 'mean', direction: 'higher', unit: 'value', shortUnit: 'value' };
  return {
    key,
    name: definition.name,
    kind: definition.kind,
    direction: definition.direction,
    unit: definition.unit,
    shortUnit: shortUnitOf(definition.unit, definition.kind),
  };
}

const MINUS = '−';
const compact = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** 3 significant digits below 1,000 (0.00213, 84.2), whole numbers above (12,345). */
export function formatNumber(value: number): string {
  const text = Math.abs(value) >= 1000 ? whole.format(Math.abs(value)) : compact.format(Math.abs(value));
  return value < 0 && text !== '0' ? `${MINUS}${text}` : text;
}

const signedNumber = (value: number) => (value > 0 ? `+${formatNumber(value)}` : formatNumber(value));

/** A fraction as a percentage with one decimal: 0.4213 → "42.1 %". */
function formatPercent(fraction: number, digits = 1): string {
  const text = Math.abs(fraction * 100).toFixed(digits);
  const zero = Number(text) === 0;
  return `${fraction < 0 && !zero ? MINUS : ''}${text} %`;
}

/** A signed relative change: 0.123 → "+12.3 %", −0.05 → "−5.0 %". */
export function formatRelative(fraction: number): string {
  const text = formatPercent(fraction);
  return fraction > 0 && Number((fraction * 100).toFixed(1)) !== 0 ? `+${text}` : text;
}

/** One variant's mean with its unit: a share as a percentage, anything else with the unit's head. */
export function formatValue(value: number | null, metric: MetricInfo): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (metric.kind === 'proportion') return formatPercent(value);
  return `${formatNumber(value)} ${metric.shortUnit}`;
}

/** A difference between variants: percentage points for shares, the unit otherwise. */
export function formatAbsoluteEffect(value: number, metric: MetricInfo): string {
  if (metric.kind === 'proportion') {
    const pp = value * 100;
    const text = Math.abs(pp).toFixed(1);
    const sign = Number(text) === 0 ? '' : pp > 0 ? '+' : MINUS;
    return `${sign}${text} pp`;
  }
  return `${signedNumber(value)} ${metric.shortUnit}`;
}

/** "+4.1 % to +20.5 %". */
export function formatInterval(lower: number, upper: number, format: (v: number) => string): string {
  return `${format(lower)} to ${format(upper)}`;
}

export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

/** A probability as a whole percentage, kept off 0 and 100 where it is not exactly that. */
export function formatChance(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  if (p > 0.99 && p < 1) return '> 99 %';
  if (p < 0.01 && p > 0) return '< 1 %';
  return `${Math.round(p * 100)} %`;
}

export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${formatNumber(value)} USD`;
}

export function countLabel(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

const TIMING_LABEL = { category: 'category timing', gap: 'gap from the last purchase' } as const;

/** "Claude haiku · prompt insight-v1", "Statistical · 90 % windows", "Statistical · category timing · 80 % windows". */
export function analyzerLabel(analyzer: AnalyzerConfig): string {
  if (analyzer.provider === 'statistical') {
    const coverage = analyzer.nextPurchaseCoverage;
    const timing = analyzer.timing ? ` · ${TIMING_LABEL[analyzer.timing]}` : '';
    return coverage === undefined && !timing
      ? 'Statistical (no language model)'
      : `Statistical${timing}${coverage === undefined ? '' : ` · ${Math.round(coverage * 100)} % windows`}`;
  }
  const model =
    analyzer.model === 'haiku' || analyzer.model === 'sonnet' ? `Claude ${analyzer.model}` : analyzer.model;
  return `${model} · prompt ${analyzer.promptVersion}`;
}

/** "25 Nov 2026 07:45 UTC", "25 Nov 2026 02:45 GMT-5": on the store's clock. */
export function timeLabel(iso: string | undefined, timeZone = 'UTC'): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isFinite(t) ? dateTimeLabel(t, timeZone, true) : iso;
}
