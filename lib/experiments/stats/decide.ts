/**
 * The decision for one experiment, from its already-corrected results. Rules, first match wins:
 *   1. SRM alarm → keep running ("check assignment"): a broken split invalidates every comparison; never ship.
 *   2. A guardrail significantly worse for any variant (sequential test, corrected p < α) → stop: guardrail.
 *   2b. The primary or a guardrail refused (its sums are impossible) → keep running, saying which and why: nothing
 *       ships on numbers that cannot be read.
 *   3. The primary metric significantly better after correction → ship the variant with the largest gain.
 *      With the fixed-horizon test only once the planned sample is reached (its p-value is valid only there).
 *   4. Planned sample reached and every variant's primary interval lies inside ±MDE → no difference.
 *   5. Otherwise → keep running, with the reason (not enough data, not significant yet, inconclusive at the plan).
 */
import type { Direction } from './types';

/** An estimate with its interval. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

/** What a metric is for: the one that decides, ones that inform, ones that must not get worse. */
export type MetricRole = 'primary' | 'secondary' | 'guardrail';

/** One treatment-vs-control result as decide() reads it. */
export interface DecisionComparison {
  metric: string;
  role: MetricRole;
  direction: Direction;
  variant: string;
  /** The decision test's absolute and relative (fraction) effects with intervals; null when it had no answer. */
  effect: (Interval & { relative: Interval | null }) | null;
  /** Why `effect` is null. */
  unavailable: string | null;
  /** The metric's sums were refused as impossible (`unavailable` says why), not merely too few. */
  refused?: boolean;
  pValueCorrected: number | null;
  /** The smallest effect that matters, absolute and positive; null when unknown. */
  minimumEffect: number | null;
}

/** Everything decide() needs besides the comparisons. */
export interface DecisionInput {
  alpha: number;
  srm: { status: 'ok' | 'alarm' | 'insufficient-data'; pValue: number };
  /** The test used for the primary metric; guardrails always come from the sequential test. */
  primaryTest: 'sequential' | 'fixed';
  /** Users in the smallest variant, and the plan per variant. */
  usersPerVariant: number;
  plannedPerVariant: number;
  comparisons: readonly DecisionComparison[];
}

/** The four outcomes. */
export type DecisionAction = 'keep-running' | 'ship' | 'no-difference' | 'stop-guardrail';

/** The decision, its label as shown ("ship B") and the reason in one or two sentences. */
export interface Decision {
  action: DecisionAction;
  variant: string | null;
  label: string;
  reason: string;
}

const formatP = (p: number) => (p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`);
const signed = (value: number, digits: number) =>
  `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;
const formatNumber = (value: number) => signed(value, Math.abs(value) >= 1 ? 2 : 4);
const formatPercent = (fraction: number) => `${signed(fraction * 100, 1)} %`;
const formatCount = (value: number) => Math.round(value).toLocaleString('en');
const capitalized = (sentence: string) => sentence.charAt(0).toUpperCase() + sentence.slice(1);

/** The point estimate alone: relative when known ("+10.0 %"), else absolute. */
function describeEstimate(c: DecisionComparison): string {
  const effect = c.effect!;
  return effect.relative ? formatPercent(effect.relative.estimate) : formatNumber(effect.estimate);
}

/** "+10.0 % (interval +6.2 % to +13.8 %)", or the absolute effect and interval when there is no relative one. */
function describeEffect(c: DecisionComparison): string {
  const effect = c.effect!;
  const r = effect.relative;
  if (r)
    return `${formatPercent(r.estimate)} (interval ${formatPercent(r.lower)} to ${formatPercent(r.upper)})`;
  return `${formatNumber(effect.estimate)} (interval ${formatNumber(effect.lower)} to ${formatNumber(effect.upper)})`;
}

/** How much better than control, in the metric's good direction (relative when known, so variants compare). */
function gain(c: DecisionComparison): number {
  const effect = c.effect!;
  const raw = effect.relative?.estimate ?? effect.estimate;
  return c.direction === 'higher-is-better' ? raw : -raw;
}

function significant(c: DecisionComparison, alpha: number): boolean {
  return c.effect !== null && c.pValueCorrected !== null && c.pValueCorrected < alpha;
}

/** Applies the rules above; see the module comment. Pure. */
export function decide(input: DecisionInput): Decision {
  const { alpha, comparisons } = input;
  const plannedReached = input.usersPerVariant >= input.plannedPerVariant;
  const progress = `${formatCount(input.usersPerVariant)} of ${formatCount(input.plannedPerVariant)} planned users per variant`;

  if (input.srm.status === 'alarm') {
    return {
      action: 'keep-running',
      variant: null,
      label: 'keep running',
      reason:
        `Check assignment: users are not split as configured (sample ratio mismatch, p ${formatP(input.srm.pValue)}). ` +
        'No result can be trusted until the split is fixed, so nothing is shipped.',
    };
  }

  const harmed = comparisons
    .filter((c) => c.role === 'guardrail' && significant(c, alpha) && gain(c) < 0)
    .sort((a, b) => (a.pValueCorrected as number) - (b.pValueCorrected as number));
  const firstHarm = harmed[0];
  if (firstHarm) {
    const others = harmed.length - 1;
    const more = others > 0 ? ` (and ${others} more guardrail failure${others > 1 ? 's' : ''})` : '';
    return {
      action: 'stop-guardrail',
      variant: firstHarm.variant,
      label: 'stop: guardrail',
      reason:
        `${firstHarm.variant} is significantly worse than control on ${firstHarm.metric}: ${describeEffect(firstHarm)}, ` +
        `corrected p ${formatP(firstHarm.pValueCorrected as number)}${more}. Stop the experiment.`,
    };
  }

  const unreadable = comparisons.find((c) => c.refused && (c.role === 'primary' || c.role === 'guardrail'));
  if (unreadable) {
    return {
      action: 'keep-running',
      variant: null,
      label: 'keep running',
      reason:
        `${capitalized(unreadable.unavailable ?? `cannot compute ${unreadable.metric}`)}. Nothing ships while the ` +
        `${unreadable.role === 'primary' ? 'primary metric' : 'guardrail'} cannot be read.`,
    };
  }

  const primary = comparisons.filter((c) => c.role === 'primary');
  const primaryName = primary[0]?.metric ?? 'the primary metric';
  const readable = input.primaryTest === 'sequential' || plannedReached;
  const best = primary
    .filter((c) => significant(c, alpha) && gain(c) > 0)
    .sort((a, b) => gain(b) - gain(a))[0];
  if (readable && best) {
    return {
      action: 'ship',
      variant: best.variant,
      label: `ship ${best.variant}`,
      reason:
        `${best.variant} beats control on ${best.metric}: ${describeEffect(best)}, ` +
        `corrected p ${formatP(best.pValueCorrected as number)}.`,
    };
  }

  const withinMde = (c: DecisionComparison) =>
    c.effect !== null &&
    c.minimumEffect !== null &&
    c.effect.lower > -c.minimumEffect &&
    c.effect.upper < c.minimumEffect;
  if (plannedReached && primary.length > 0 && primary.every(withinMde)) {
    return {
      action: 'no-difference',
      variant: null,
      label: 'no difference',
      reason:
        `Planned sample reached and every variant's interval on ${primaryName} lies within ±` +
        `${(primary[0]!.minimumEffect as number).toPrecision(3)} of control: any difference is smaller than ` +
        'the minimum effect that matters.',
    };
  }

  return { action: 'keep-running', variant: null, label: 'keep running', reason: keepRunningReason() };

  function keepRunningReason(): string {
    const missing = primary.find((c) => c.effect === null);
    if (missing)
      return `Not enough data yet on ${missing.metric} for ${missing.variant}: ${missing.unavailable}.`;
    if (!readable) {
      return `The fixed-horizon test is read only at the planned sample (${progress}); looking earlier would inflate false positives.`;
    }
    const losers = primary.filter((c) => significant(c, alpha) && gain(c) < 0).map((c) => c.variant);
    const worse =
      losers.length > 0
        ? ` ${losers.join(', ')} ${losers.length > 1 ? 'are' : 'is'} significantly worse.`
        : '';
    if (plannedReached) {
      return (
        `Planned sample reached but inconclusive: no variant is significantly better on ${primaryName}, and the ` +
        `interval still includes effects as large as the minimum that matters.${worse}`
      );
    }
    const leader = [...primary].sort((a, b) => gain(b) - gain(a))[0];
    const lead = leader
      ? ` (best so far: ${leader.variant}, ${describeEstimate(leader)}, corrected p ${formatP(leader.pValueCorrected ?? 1)})`
      : '';
    return `No variant is significantly better on ${primaryName} yet${lead}; ${progress}.${worse}`;
  }
}
