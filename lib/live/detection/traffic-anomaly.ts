import { median, robustScale, round } from './robust';

/**
 * Traffic anomalies of one event type, against a time-of-day-aware baseline: the counts of the same slot of the
 * day on previous days (Monday 10:15 is compared with earlier 10:15s, not with 03:00). The score is robust — median
 * and MAD, so one earlier spike does not hide the next — with a floor of √median on the scale (counts are at
 * least Poisson-noisy, which keeps a flat series from alerting on one extra event), and deviations that are small in
 * absolute or relative terms are never alerts. Pure.
 */
export interface TrafficBaselineOptions {
  /** |score| at or above which a deviation is an anomaly. */
  threshold: number;
  /** A deviation must also be at least this many events… */
  minAbsolute: number;
  /** …and this share of the expected count. */
  minRelative: number;
  /** Earlier days needed before any verdict. */
  minHistory: number;
}

const TRAFFIC_DEFAULTS: TrafficBaselineOptions = {
  threshold: 5,
  minAbsolute: 20,
  minRelative: 0.5,
  minHistory: 5,
};

export interface TrafficVerdict {
  anomalous: boolean;
  direction: 'spike' | 'drop' | null;
  observed: number;
  /** The baseline's median for this slot. */
  expected: number;
  /** Where counts of this slot usually fall (expected ± threshold × scale, not below 0). */
  usualLow: number;
  usualHigh: number;
  score: number;
  /** Why, in a sentence: the explanation an alert carries. */
  why: string;
}

export function judgeTraffic(
  feature: string,
  observed: number,
  sameSlotHistory: readonly number[],
  options: TrafficBaselineOptions = TRAFFIC_DEFAULTS,
): TrafficVerdict {
  const expected = median(sameSlotHistory);
  if (sameSlotHistory.length < options.minHistory) {
    return {
      anomalous: false,
      direction: null,
      observed,
      expected: Number.isNaN(expected) ? 0 : expected,
      usualLow: 0,
      usualHigh: 0,
      score: 0,
      why: `${feature}: only ${sameSlotHistory.length} earlier days for this time of day (${options.minHistory} needed)`,
    };
  }
  const scale = Math.max(robustScale(sameSlotHistory, expected), Math.sqrt(Math.max(expected, 1)));
  const score = (observed - expected) / scale;
  const deviation = Math.abs(observed - expected);
  const big = deviation >= options.minAbsolute && deviation >= options.minRelative * Math.max(expected, 1);
  const anomalous = Math.abs(score) >= options.threshold && big;
  const direction = anomalous ? (score > 0 ? 'spike' : 'drop') : null;
  const usualLow = Math.max(0, expected - options.threshold * scale);
  const usualHigh = expected + options.threshold * scale;
  const why = anomalous
    ? `${feature}: ${observed} against ${round(expected, 1)} usually at this time of day ` +
      `(usual range ${round(usualLow, 1)}–${round(usualHigh, 1)} over ${sameSlotHistory.length} days); ` +
      `a ${direction} of ${round(Math.abs(score), 1)} robust standard deviations`
    : `${feature}: ${observed} is within the usual range ${round(usualLow, 1)}–${round(usualHigh, 1)}`;
  return { anomalous, direction, observed, expected, usualLow, usualHigh, score: round(score), why };
}

/**
 * Conversion (e.g. purchases per checkout started) in a window against its baseline rate: a binomial z-score, so a
 * window with few checkouts needs a large change before it counts. Only drops are alerts (a conversion spike is good
 * news, and usually a traffic change the traffic detector already reports).
 */
export function judgeConversion(
  feature: string,
  conversions: number,
  trials: number,
  baselineRate: number,
  options: { threshold: number; minTrials: number } = { threshold: 4, minTrials: 30 },
): TrafficVerdict {
  const expected = trials * baselineRate;
  const sd = Math.sqrt(Math.max(trials * baselineRate * (1 - baselineRate), 1e-9));
  const score = trials ? (conversions - expected) / sd : 0;
  const anomalous = trials >= options.minTrials && score <= -options.threshold;
  const usualLow = Math.max(0, expected - options.threshold * sd);
  const usualHigh = expected + options.threshold * sd;
  const rate = trials ? conversions / trials : 0;
  return {
    anomalous,
    direction: anomalous ? 'drop' : null,
    observed: conversions,
    expected: round(expected, 1),
    usualLow: round(usualLow, 1),
    usualHigh: round(usualHigh, 1),
    score: round(score),
    why: anomalous
      ? `${feature}: ${round(rate * 100, 1)} % of ${trials} against ${round(baselineRate * 100, 1)} % usually ` +
        `(${conversions} conversions where ${round(expected, 1)} were expected, z ${round(score, 1)})`
      : `${feature}: ${round(rate * 100, 1)} % of ${trials} is within the usual range`,
  };
}

/**
 * No alert storms: one alert per kind and subject (an event type, a customer) until it has been quiet for the
 * cool-down. A spike that lasts ten minutes is one alert, not ten; the same spike tomorrow is a new one. Pure (the
 * clock comes in).
 */
export class AlertGate {
  private readonly last = new Map<string, number>();

  constructor(private readonly coolDownMs: number) {}

  /** True when an alert for this key may be raised now; every anomalous observation extends the quiet period. */
  admit(kind: string, subject: string, nowMs: number): boolean {
    const key = `${kind}|${subject}`;
    const previous = this.last.get(key);
    this.last.set(key, nowMs);
    return previous === undefined || nowMs - previous >= this.coolDownMs;
  }
}
