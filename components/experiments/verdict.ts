import type { ExperimentResultsResponse } from '@/lib/experiments/api-contract';
import type { Experiment } from '@/lib/experiments/experiment';
import type { VariantComparison } from '@/lib/experiments/stats/results-types';
import { decisionTone, metricInfo } from './experiment-format';

/**
 * The experiment's verdict in plain words, first on its page: what to do and why, the business impact of the
 * leading variant, what the numbers cover, and how far the test got against its plan with what that means for the
 * decision. It follows decide.ts's rules (the decision is the engine's; this only words it): "ship" only when the
 * primary metric is significantly better — with the sequential test, valid at any look however short of the plan —
 * and otherwise never a recommendation to ship. Pure, so it is unit tested.
 */
export interface VerdictView {
  tone: ReturnType<typeof decisionTone>;
  headline: string;
  impact: string | null;
  scope: string | null;
  power: string | null;
}

const count = (n: number) => Math.round(n).toLocaleString('en');
const days = (n: number) => `${n.toFixed(1)} days`;
const percent = (fraction: number) => `${Math.round(Math.abs(fraction) * 100)} %`;

/** The better-or-worse wording of a relative change for a metric that is better `direction`. */
function compared(relative: number, direction: 'higher' | 'lower'): string {
  const gain = direction === 'higher' ? relative : -relative;
  if (Math.round(Math.abs(relative) * 100) === 0) return 'about the same as';
  return `${percent(relative)} ${gain > 0 ? 'better' : 'worse'} than`;
}

/** The interval's two ends in the same words: "from 57 % better to 21 % worse". */
function intervalWords(lower: number, upper: number, direction: 'higher' | 'lower'): string {
  const end = (r: number) => {
    const gain = direction === 'higher' ? r : -r;
    return Math.round(Math.abs(r) * 100) === 0
      ? 'no change'
      : `${percent(r)} ${gain > 0 ? 'better' : 'worse'}`;
  };
  const [a, b] = direction === 'higher' ? [upper, lower] : [lower, upper];
  return `from ${end(a)} to ${end(b)}`;
}

export function verdictView(
  experiment: Pick<Experiment, 'variants' | 'controlVariant' | 'primaryMetric' | 'customMetrics'>,
  response: Pick<ExperimentResultsResponse, 'results' | 'sample' | 'predictionScores' | 'pendingOutcomes'>,
  daysRunning: number | null,
): VerdictView {
  const { results } = response;
  const decision = results.decision;
  const control = experiment.controlVariant;
  const info = metricInfo(experiment.primaryMetric, experiment.customMetrics);
  const metricName = info.name.toLowerCase();
  const primary = results.metrics.find((m) => m.key === experiment.primaryMetric);
  const comparisons = (primary?.variants ?? []).flatMap((v) =>
    v.comparison?.relative ? [{ variant: v.variant, c: v.comparison as VariantComparison }] : [],
  );
  const gainOf = (c: VariantComparison) =>
    info.direction === 'higher' ? c.relative!.estimate : -c.relative!.estimate;
  const lead =
    comparisons.find((x) => x.variant === decision.variant) ??
    [...comparisons].sort((a, b) => gainOf(b.c) - gainOf(a.c))[0];

  const headline = headlineOf();
  return {
    tone: decisionTone(decision),
    headline,
    impact: lead ? impactOf(lead.variant) : null,
    scope: scopeOf(),
    power: lead ? powerOf(lead.c) : null,
  };

  function headlineOf(): string {
    const r = lead?.c.relative;
    switch (decision.action) {
      case 'ship':
        return r
          ? `Ship ${lead.variant}: it scores ${compared(r.estimate, info.direction)} ${control} on the ${metricName}, and the sequential test is conclusive.`
          : `Ship ${decision.variant}: ${decision.reason}`;
      case 'stop-guardrail':
        return `Stop the experiment: ${decision.reason}`;
      case 'no-difference':
        return `No difference that matters on the ${metricName}: keep ${control}. ${decision.reason}`;
      default: {
        // Assignment broken, a metric refused or no data yet: the engine's reason is the verdict.
        const ruledOut =
          decision.reason.startsWith('Check assignment') || comparisons.length === 0 || !r || !lead;
        if (ruledOut) return `Keep running: ${decision.reason}`;
        return (
          `Keep running: ${lead.variant} scores ${compared(r.estimate, info.direction)} ${control} on the ` +
          `${metricName} so far, but that could still be chance (the interval runs ` +
          `${intervalWords(r.lower, r.upper, info.direction)}). Do not ship yet.`
        );
      }
    }
  }

  /** For next-purchase windows: how much narrower, and how much less the misses cost, with what it means. */
  function impactOf(variant: string): string | null {
    if (experiment.primaryMetric !== 'interval_score') return null;
    const v = response.predictionScores?.[variant];
    const c = response.predictionScores?.[control];
    if (!v || !c || v.intervalScore === null || c.intervalScore === null) return null;
    if (v.windowDays === null || c.windowDays === null) return null;
    const narrower = c.windowDays - v.windowDays;
    const missV = v.intervalScore - v.windowDays;
    const missC = c.intervalScore - c.windowDays;
    const better = v.intervalScore < c.intervalScore;
    return (
      `${variant}'s windows are ${days(Math.abs(narrower))} ${narrower >= 0 ? 'narrower' : 'wider'} ` +
      `(${days(v.windowDays)} against ${days(c.windowDays)}) and its misses cost ` +
      `${days(Math.abs(missC - missV))} ${missV <= missC ? 'less' : 'more'} (${days(missV)} against ` +
      `${days(missC)} of penalty per prediction): ` +
      (better
        ? 'customers would get reminders closer to when they buy.'
        : 'reminders would land further from when customers buy.')
    );
  }

  function scopeOf(): string | null {
    if (experiment.primaryMetric !== 'interval_score') return null;
    const scores = experiment.variants.map((v) => response.predictionScores?.[v.name]);
    const scored = scores.reduce((s, x) => s + (x?.scored ?? 0), 0);
    const resolved = scores.reduce((s, x) => s + (x?.resolved ?? 0), 0);
    const pending = Object.values(response.pendingOutcomes ?? {}).reduce((a, b) => a + b, 0);
    return (
      `Scored on ${count(scored)} predictions whose category was bought within 90 days ` +
      `(of ${count(resolved)} resolved); ${count(pending)} more wait for a purchase or for their 90 days to pass, ` +
      'so the sooner purchases weigh more for now. The interval score is the window’s width plus a penalty for ' +
      'each day a purchase falls outside it: a wider window cannot win by being wide.'
    );
  }

  function powerOf(c: VariantComparison): string | null {
    const planned = response.sample.plannedPerVariant;
    const assigned = Object.values(response.sample.assignedPerVariant);
    if (!planned || !assigned.length) return null;
    const reached = Math.min(...assigned);
    const share = `${Math.round((reached / planned) * 100)} %`;
    const progress = `${count(reached)} of ${count(planned)} per variant`;
    if (decision.action === 'ship') {
      return reached < planned
        ? `The test reached ${share} of the users it planned (${progress}). Deciding before the plan is sound here: ` +
            'the sequential test’s intervals hold at every look, so a conclusive result now is as trustworthy as one at the plan.'
        : `The test reached the users it planned (${progress}).`;
    }
    // The engine's minimum effect is the one the plan is sized for: found 80 % of the time at the planned sample.
    const p = c.powerReached;
    const mde = c.minimumEffect;
    if (p === null || mde === null) return `The test reached ${share} of the users it planned (${progress}).`;
    const controlMean = primary?.variants.find((v) => v.isControl)?.mean ?? null;
    const size = info.key === 'interval_score' ? days(mde) : `${mde.toPrecision(3)} ${info.shortUnit}`;
    const relative = controlMean ? ` (${percent(mde / controlMean)})` : '';
    const n = Math.min(...(primary?.variants.map((v) => v.n) ?? [0]));
    const chance =
      `The plan is sized to find a real difference of ${size}${relative} 80 % of the time; with the ` +
      `${count(n)} observations per variant so far that chance is ${percent(p)}`;
    if (reached >= planned) return `The test reached the users it planned (${progress}). ${chance}.`;
    const more = planned - reached;
    const rate = daysRunning ? reached / daysRunning : 0;
    const time = rate > 0 ? ` (about ${count(Math.ceil(more / rate))} more days at the rate so far)` : '';
    const early = decision.action === 'keep-running' ? ': too early to ship' : '';
    return (
      `The test reached ${share} of the users it planned (${progress}). ${chance}${early}; it gets there after ` +
      `about ${count(more)} more users per variant${time}.`
    );
  }
}
