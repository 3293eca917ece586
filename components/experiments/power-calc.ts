import { sampleSizeForMeans, sampleSizeForProportions } from '@/lib/experiments/stats/power';
import { countLabel, formatNumber } from './experiment-format';

/**
 * The create form's power calculator: users per variant to detect a minimum effect, and how long that takes at an
 * expected traffic. The statistics are lib/experiments/stats/power.ts (the same functions the results use); this
 * turns the form's inputs into their arguments and the answer into words. Pure.
 */

export interface PowerInput {
  kind: 'proportion' | 'mean';
  /** Proportion: the control's rate now, percent (e.g. 30 for 30 %). */
  baselinePercent: number;
  /** Mean: the control's mean and per-user standard deviation, in the metric's unit. */
  mean: number;
  sd: number;
  /** The smallest relative change that matters, percent of the baseline (10 = ±10 %). */
  mdePercent: number;
  /** Two-sided level, e.g. 0.05. */
  alpha: number;
  /** Target power, percent (80). */
  powerPercent: number;
  test: 'sequential' | 'fixed';
  variants: number;
  /** Eligible customers entering per day at full ramp. */
  trafficPerDay: number;
  holdoutPercent: number;
  /** The metric's unit after a mean ("USD"). */
  unit: string;
}

export type PowerOutput =
  | {
      ok: true;
      perVariant: number;
      total: number;
      /** Days to reach the plan at the traffic given; null without traffic. */
      days: number | null;
      summary: string;
    }
  | { ok: false; problem: string };

const finite = (v: number) => Number.isFinite(v);

function problemOf(input: PowerInput): string | null {
  if (!(finite(input.mdePercent) && input.mdePercent > 0))
    return 'Enter the minimum detectable effect as a positive percentage.';
  if (!(finite(input.alpha) && input.alpha > 0 && input.alpha < 0.5)) return 'α must lie between 0 and 0.5.';
  if (!(finite(input.powerPercent) && input.powerPercent > 50 && input.powerPercent < 100))
    return 'Power must lie between 50 % and 100 %.';
  if (input.kind === 'proportion') {
    const p = input.baselinePercent / 100;
    if (!(finite(p) && p > 0 && p < 1)) return 'Enter the baseline rate as a percentage between 0 and 100.';
    if (p * (1 + input.mdePercent / 100) >= 1)
      return 'The baseline plus the effect would reach 100 %: choose a smaller effect.';
  } else {
    if (!(finite(input.mean) && input.mean !== 0)) return 'Enter the baseline mean (not 0).';
    if (!(finite(input.sd) && input.sd > 0)) return 'Enter the standard deviation per user (above 0).';
  }
  return null;
}

/** Users per variant for the inputs, the total, and days at the traffic given. */
export function computePlan(input: PowerInput): PowerOutput {
  const problem = problemOf(input);
  if (problem) return { ok: false, problem };
  const options = { alpha: input.alpha, power: input.powerPercent / 100, test: input.test };
  const relative = input.mdePercent / 100;
  let perVariant: number;
  let detect: string;
  if (input.kind === 'proportion') {
    const p = input.baselinePercent / 100;
    perVariant = sampleSizeForProportions(p, p * relative, options);
    detect = `${formatNumber(p * 100)} % → ${formatNumber(p * (1 + relative) * 100)} %`;
  } else {
    const effect = Math.abs(input.mean * relative);
    perVariant = sampleSizeForMeans(effect, input.sd, options);
    detect = `a change of ${formatNumber(effect)} ${input.unit} from ${formatNumber(input.mean)} ${input.unit}`;
  }
  const variants = Math.max(2, Math.round(input.variants));
  const total = perVariant * variants;
  const entering = input.trafficPerDay * (1 - Math.min(50, Math.max(0, input.holdoutPercent)) / 100);
  const days = finite(entering) && entering > 0 ? Math.ceil(total / entering) : null;
  const test = input.test === 'sequential' ? 'sequential test' : 'fixed-horizon test';
  const duration =
    days === null
      ? ''
      : ` About ${countLabel(days, 'day')} at ${input.trafficPerDay.toLocaleString('en')} customers a day at full ramp.`;
  return {
    ok: true,
    perVariant,
    total,
    days,
    summary:
      `${countLabel(perVariant, 'user')} per variant (${total.toLocaleString('en')} in all) to detect ${detect} ` +
      `(±${formatNumber(input.mdePercent)} % relative) with ${formatNumber(input.powerPercent)} % power at ` +
      `α = ${input.alpha}, ${test}.${duration}`,
  };
}
