import { minorDigits } from '@/lib/money/currency';
import type { RunView } from '@/lib/client/use-analysis-runs';

/** How the runs page says a run's progress, timing and fitted models. Pure, so it is unit tested. */

/** Whole percent done; a completed run is 100 % even when it had nobody to analyse. */
export function runPercent(run: Pick<RunView, 'status' | 'done' | 'total'>): number {
  if (run.status === 'completed') return 100;
  if (run.total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((100 * run.done) / run.total)));
}

/** "0.8 s", "42 s", "3 min 12 s", "1 h 5 min". */
export function durationLabel(seconds: number): string {
  if (seconds < 10) return `${(Math.round(seconds * 10) / 10).toLocaleString('en')} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export const PHASE_LABEL: Record<RunView['phase'], string> = {
  fitting: 'fitting models',
  analysing: 'analysing customers',
  done: 'done',
};

export const RUN_TRIGGER_LABEL: Record<RunView['trigger'], string> = {
  schedule: 'nightly schedule',
  manual: 'manual',
  initial: 'first start',
  cli: 'command line',
  import: 'order import',
};

export const STATUS_LABEL: Record<RunView['status'], string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
};

/** In the store's time zone, with its offset: "17 Nov 2026, 02:00 GMT-5", "17 Nov 2026, 08:00 CET". */
export function startedLabel(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

export function costLabel(usd: number): string {
  if (usd === 0) return '$0';
  return usd >= 0.01 ? `$${usd.toFixed(2)}` : `$${usd.toPrecision(2)}`;
}

/** The fitted parameters of a run's population model, as far as the stored record has them. */
export interface ModelParameters {
  /** The currency spend was in (γ is in its minor units). */
  currency: string;
  bg: { r: number; alpha: number; a: number; b: number };
  gg: { p: number; q: number; gamma: number };
  customers: number;
  fitSeconds: number;
  categories: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The named numbers of a record, or null when any is missing or not a finite number. */
function numbers<K extends string>(o: unknown, keys: readonly K[]): Record<K, number> | null {
  if (!isRecord(o)) return null;
  const out = {} as Record<K, number>;
  for (const key of keys) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    out[key] = v;
  }
  return out;
}

/** Reads the run's `model` (stored as an open record) defensively: null when any parameter is missing. */
export function readModelParameters(model: unknown): ModelParameters | null {
  if (!isRecord(model)) return null;
  const bg = numbers(model.bg, ['r', 'alpha', 'a', 'b']);
  const gg = numbers(model.gg, ['p', 'q', 'gamma']);
  const top = numbers(model, ['customers', 'fitSeconds']);
  if (!bg || !gg || !top) return null;
  return {
    // Models fitted before they recorded their currency were fitted on euros (the only currency then).
    currency: typeof model.currency === 'string' ? model.currency : 'EUR',
    bg,
    gg,
    customers: top.customers,
    fitSeconds: top.fitSeconds,
    categories: isRecord(model.rhythms) ? Object.keys(model.rhythms).length : 0,
  };
}

/** What the parameters mean for a typical customer: orders per week, drop-out chance per order, spend per order. */
export function modelMeaning(m: ModelParameters) {
  return {
    ordersPerWeek: m.bg.r / m.bg.alpha,
    dropoutPerOrder: m.bg.a / (m.bg.a + m.bg.b),
    // Gamma-Gamma is fitted on spend in minor units; its population mean only exists for q > 1.
    averageOrder: m.gg.q > 1 ? (m.gg.p * m.gg.gamma) / (m.gg.q - 1) / 10 ** minorDigits(m.currency) : null,
  };
}

/** Four significant digits, enough to compare runs without pretending to more. */
export const param = (v: number) =>
  Number(v.toPrecision(4)).toLocaleString('en', { maximumFractionDigits: 6 });
