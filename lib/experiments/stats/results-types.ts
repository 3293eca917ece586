/** The input and output of computeResults(): one experiment's configuration and summaries in, its results out. */
import type { BayesianResult } from './bayesian';
import type { Correction } from './corrections';
import type { Decision, MetricRole } from './decide';
import type { SrmResult } from './srm';
import type { MetricSummary, SummaryKind } from './summaries';
import type { Comparison, Direction, EffectInterval, InsufficientData, Refusal } from './types';

/** A metric of the experiment. */
export interface MetricDefinition {
  key: string;
  /** Shown in decision sentences; the key when absent. */
  label?: string;
  /**
   * `mean` for continuous values (cost in USD, latency in ms), `proportion` for 0/1 outcomes, `ratio` for ΣY/ΣD
   * over units (cost per correct prediction, revenue per order): its summaries carry the denominator's sums and the
   * engine applies the delta method.
   */
  kind: SummaryKind;
  direction: Direction;
  /** Exactly one metric is primary. */
  role: MetricRole;
  /**
   * The smallest relative change that matters (0.02 = 2 % of the control mean). When absent it is the MDE of the
   * planned sample, computed from the control's observed variance.
   */
  minimumEffect?: number;
}

/** A variant; exactly one is the control. Weights are relative (1, 1, 1 or 50, 25, 25). */
export interface VariantDefinition {
  name: string;
  weight: number;
  isControl: boolean;
}

/** The test that drives decisions for primary and secondary metrics (guardrails always use the sequential one). */
export type TestMethod = 'sequential' | 'fixed';

/** One experiment to analyse. */
export interface ExperimentInput {
  metrics: readonly MetricDefinition[];
  variants: readonly VariantDefinition[];
  /** summaries[variant][metric]; a missing one counts as no observations. */
  summaries: Readonly<Record<string, Readonly<Record<string, MetricSummary>>>>;
  /** Users assigned per variant, for the SRM check; defaults to each variant's n on the primary metric. */
  assignments?: Readonly<Record<string, number>>;
  /** Planned users per variant (from the power calculator); tunes the sequential test and marks the horizon. */
  plannedSamplePerVariant: number;
  /** Two-sided level (default 0.05). */
  alpha?: number;
  /** Default 'sequential': valid however often the results are looked at. */
  method?: TestMethod;
  /** Default 'holm' across every (variant × metric) comparison. */
  correction?: Correction;
}

/** A non-control variant against control on one metric. */
export interface VariantComparison {
  /** The test behind the headline numbers: the chosen method, or sequential for a guardrail. */
  test: TestMethod;
  /** `refused`: the metric's sums are impossible (see MetricResult.refusal); `insufficient-data`: not yet. */
  status: 'ok' | 'insufficient-data' | 'refused';
  /** Why there are no numbers (status insufficient-data or refused), or why the relative effect is missing. */
  note: string | null;
  absolute: EffectInterval | null;
  relative: EffectInterval | null;
  pValue: number | null;
  /** After the experiment's correction over every (variant × metric) comparison. */
  pValueCorrected: number | null;
  significant: boolean;
  /** Bayesian P(better than control) under a flat prior. */
  chanceToWin: number | null;
  /** Power of this comparison's test to detect the minimum effect with the users so far (0…1). */
  powerReached: number | null;
  /** The minimum effect that matters, absolute, in the metric's unit. */
  minimumEffect: number | null;
  /** Every test's full answer, for the "show all methods" view. */
  alternatives: {
    fixed: Comparison;
    sequential: Comparison;
    bayesian: BayesianResult | InsufficientData | Refusal;
  };
}

/** One variant on one metric. `mean` is CUPED-adjusted when covariate sums are present, ΣY/ΣD for a ratio. */
export interface VariantResult {
  variant: string;
  isControl: boolean;
  n: number;
  /** null when the variant has no observations (a ratio: no denominator yet), or the metric is refused. */
  mean: number | null;
  unadjustedMean: number | null;
  /** null for the control. */
  comparison: VariantComparison | null;
}

/** One metric across variants. */
export interface MetricResult {
  key: string;
  label: string;
  kind: SummaryKind;
  /**
   * `refused` when some variant's sums cannot come from real observations: `refusal` says which and why ("cannot
   * compute cost: …"), and the metric has no means or comparisons. The other metrics are unaffected.
   */
  status: 'ok' | 'refused';
  refusal: string | null;
  direction: Direction;
  role: MetricRole;
  /** θ and the variance removed from the control, when CUPED ran. */
  cuped: { theta: number; varianceReduction: number } | null;
  variants: VariantResult[];
}

/** The experiment's results and decision. */
export interface ExperimentResults {
  alpha: number;
  method: TestMethod;
  correction: Correction;
  plannedSamplePerVariant: number;
  srm: SrmResult;
  metrics: MetricResult[];
  decision: Decision;
}
