import type { Experiment, GuardrailCheck } from './experiment';
import { metricDefinition } from './metrics';
import type { ExperimentResults, VariantComparison } from './stats/results-types';

/**
 * The guardrail check a ramp step needs: a guardrail fails when some variant is significantly worse than control by
 * more than its tolerance — the whole interval of the effect (the always-valid sequential one the engine gives
 * guardrails) lies beyond `tolerancePercent` on the bad side. Relative to control when the engine has a relative
 * effect, (variant − control)/|control| (so a guardrail below 0 keeps its direction); otherwise (a control mean of 0,
 * e.g. the free statistical analyzer's cost) on the absolute effect against tolerance × |control mean|, so any
 * significant worsening of a zero fails. Too little data passes: only evidence of harm fails a guardrail. A guardrail
 * whose sums the engine refused as impossible fails too, naming why: it cannot be verified, so the ramp may not
 * advance on it (check-guardrails.ts does not roll back for it: that is no evidence of harm). Pure.
 */

const pct = (fraction: number) => `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(1)} %`;
const num = (value: number) => `${value >= 0 ? '+' : '−'}${Number(Math.abs(value).toPrecision(3))}`;

interface Verdict {
  variant: string;
  failed: boolean;
  /** How far past the tolerance the interval's better end lies (relative units), for picking the worst. */
  excess: number;
  detail: string;
}

function judge(
  comparison: VariantComparison,
  variant: string,
  direction: 'higher-is-better' | 'lower-is-better',
  tolerance: number,
  controlMean: number | null,
  unit: string,
): Verdict {
  const worseSign = direction === 'lower-is-better' ? 1 : -1;
  const tol = `tolerance ${(tolerance * 100).toFixed(0)} %`;
  if (comparison.status === 'refused') {
    return { variant, failed: true, excess: Infinity, detail: comparison.note ?? 'cannot be computed' };
  }
  const r = comparison.relative;
  if (r) {
    // The smallest worsening the interval allows, as a positive number when it is a worsening.
    const least = worseSign > 0 ? r.lower : -r.upper;
    return {
      variant,
      failed: least > tolerance,
      excess: least - tolerance,
      detail: `${variant} ${pct(r.estimate)} (interval ${pct(r.lower)} to ${pct(r.upper)}) vs control; ${tol}`,
    };
  }
  const a = comparison.absolute;
  if (a && controlMean !== null) {
    const limit = tolerance * Math.abs(controlMean);
    const least = worseSign > 0 ? a.lower : -a.upper;
    const scale = Math.abs(controlMean) || 1;
    return {
      variant,
      failed: least > limit,
      excess: (least - limit) / scale,
      detail: `${variant} ${num(a.estimate)} ${unit} (interval ${num(a.lower)} to ${num(a.upper)}) vs control ${Number(controlMean.toPrecision(3))}; ${tol}`,
    };
  }
  return {
    variant,
    failed: false,
    excess: -Infinity,
    detail: `${variant}: not enough data yet (${comparison.note ?? 'no estimate'})`,
  };
}

export function guardrailCheckFrom(experiment: Experiment, results: ExperimentResults): GuardrailCheck {
  const checks = experiment.guardrails.map((guardrail) => {
    const metric = results.metrics.find((m) => m.key === guardrail.metric);
    const unit = metricDefinition(guardrail.metric, experiment.customMetrics)?.unit ?? '';
    // The relative effect's base: the control's raw mean (CUPED adjusts the difference, not the base).
    const controlMean = metric?.variants.find((v) => v.isControl)?.unadjustedMean ?? null;
    const verdicts = (metric?.variants ?? []).flatMap((v) =>
      v.comparison
        ? [
            judge(
              v.comparison,
              v.variant,
              metric!.direction,
              guardrail.tolerancePercent / 100,
              controlMean,
              unit,
            ),
          ]
        : [],
    );
    const worst = [...verdicts].sort((a, b) => b.excess - a.excess)[0];
    const failed = verdicts.some((v) => v.failed);
    return {
      metric: guardrail.metric,
      passed: !failed,
      ...(worst ? { detail: `${guardrail.metric}: ${worst.detail}`.slice(0, 300) } : {}),
    };
  });
  return { passed: checks.every((c) => c.passed), results: checks };
}
