import type { ExperimentResultsResponse } from '@/lib/experiments/api-contract';
import type { Experiment, ExperimentStatus, RampEvent } from '@/lib/experiments/experiment';
import type { ExperimentResults } from '@/lib/experiments/stats/results-types';
import { analyzerLabel, countLabel, formatUsd, timeLabel } from './experiment-format';

/** The experiment page's panels (sample, variants, ramp, lifecycle, promotion) as plain data. Pure. */

export interface SampleRow {
  variant: string;
  assigned: number;
  planned: number | null;
  /** 0–100, the bar's width; null without a plan. */
  percent: number | null;
  label: string;
}

/** Assigned users against the plan, per variant in the experiment's order (the holdout is not a variant here). */
export function sampleRows(
  variants: readonly string[],
  sample: ExperimentResultsResponse['sample'],
): SampleRow[] {
  const planned = sample.plannedPerVariant;
  return variants.map((variant) => {
    const assigned = sample.assignedPerVariant[variant] ?? 0;
    if (!planned)
      return {
        variant,
        assigned,
        planned: null,
        percent: null,
        label: `${countLabel(assigned, 'user')} assigned (no plan set)`,
      };
    const share = assigned / planned;
    return {
      variant,
      assigned,
      planned,
      percent: Math.min(100, Math.round(share * 1000) / 10),
      label: `${countLabel(assigned, 'user')} of ${planned.toLocaleString('en')} planned (${Math.round(share * 100)} %)`,
    };
  });
}

export interface VariantSummaryRow {
  variant: string;
  isControl: boolean;
  analyzer: string;
  weight: string;
  assigned: string;
  costPerCorrect: string;
  pending: string;
}

/** Each variant's analyzer and share, with its cost per correct prediction and outcomes still pending. */
export function variantSummaryRows(
  experiment: Pick<Experiment, 'variants' | 'controlVariant'>,
  response?: Pick<ExperimentResultsResponse, 'sample' | 'costPerCorrect' | 'pendingOutcomes'>,
): VariantSummaryRow[] {
  return experiment.variants.map((v) => {
    const cost = response?.costPerCorrect[v.name];
    const pending = response?.pendingOutcomes[v.name];
    return {
      variant: v.name,
      isControl: v.name === experiment.controlVariant,
      analyzer: analyzerLabel(v.analyzer),
      weight: `${v.weight} %`,
      assigned: response ? countLabel(response.sample.assignedPerVariant[v.name] ?? 0, 'user') : '—',
      costPerCorrect:
        cost === undefined
          ? '—'
          : cost === null
            ? 'not yet (needs cost and correct outcomes)'
            : `${formatUsd(cost)} per correct prediction`,
      pending: pending === undefined ? '—' : countLabel(pending, 'prediction') + ' pending',
    };
  });
}

export interface RampStepView {
  index: number;
  percent: number;
  state: 'done' | 'current' | 'next';
  startedAt: string | null;
  /** What the guardrail check said when the step was left. */
  check: string | null;
}

export interface RampEventView {
  at: string;
  by: string;
  action: RampEvent['action'];
  text: string;
  failedGuardrail: string | null;
}

const RAMP_VERB: Record<RampEvent['action'], string> = {
  start: 'Started',
  advance: 'Advanced',
  rollback: 'Rolled back',
  resume: 'Resumed',
  reschedule: 'Steps changed',
};

/** The ramp's steps (the one in force marked) and its history, newest first, with failed guardrails named. */
export function rampView(experiment: Pick<Experiment, 'ramp' | 'status'>, timeZone = 'UTC') {
  const { ramp } = experiment;
  const steps: RampStepView[] = ramp.steps.map((s, i) => {
    const failed = s.guardrailCheck?.results.filter((r) => !r.passed).map((r) => r.metric) ?? [];
    return {
      index: i,
      percent: s.percent,
      state: i < ramp.currentStep ? 'done' : i === ramp.currentStep ? 'current' : 'next',
      startedAt: s.startedAt ? timeLabel(s.startedAt, timeZone) : null,
      check: s.guardrailCheck
        ? s.guardrailCheck.passed
          ? 'guardrails passed'
          : `guardrail failed: ${failed.join(', ') || 'unnamed'}`
        : null,
    };
  });
  const events: RampEventView[] = [...ramp.history].reverse().map((e) => ({
    at: timeLabel(e.at, timeZone),
    by: e.by,
    action: e.action,
    text:
      e.action === 'reschedule'
        ? `${RAMP_VERB.reschedule}${e.reason ? ` (${e.reason})` : ''}`
        : `${RAMP_VERB[e.action]} ${e.fromPercent} % → ${e.toPercent} %` +
          (e.failedGuardrail ? `: guardrail ${e.failedGuardrail} failed` : '') +
          (e.reason ? ` — ${e.reason}` : ''),
    failedGuardrail: e.failedGuardrail ?? null,
  }));
  const currentPercent = ramp.currentStep < 0 ? 0 : (ramp.steps[ramp.currentStep]?.percent ?? 0);
  const canAdvance = experiment.status === 'running' && ramp.currentStep < ramp.steps.length - 1;
  const next = canAdvance ? (ramp.steps[ramp.currentStep + 1]?.percent ?? null) : null;
  return { steps, events, currentPercent, canAdvance, next };
}

export type LifecycleAction = 'start' | 'pause' | 'resume' | 'stop' | 'conclude';

/** The buttons a status offers (lib/experiments/lifecycle.ts has the same transitions). */
export const LIFECYCLE_ACTIONS: Record<ExperimentStatus, readonly LifecycleAction[]> = {
  draft: ['start'],
  running: ['pause', 'stop'],
  paused: ['resume', 'stop'],
  stopped: ['conclude'],
  concluded: [],
};

export interface ActionCopy {
  label: string;
  title: string;
  description: string;
  reasonRequired: boolean;
  danger: boolean;
}

export const ACTION_COPY: Record<LifecycleAction, ActionCopy> = {
  start: {
    label: 'Start',
    title: 'Start the experiment',
    description:
      'Customers start entering at the first ramp step. Once started, only the weights and the ramp steps not yet reached can change.',
    reasonRequired: false,
    danger: false,
  },
  pause: {
    label: 'Pause',
    title: 'Pause the experiment',
    description:
      'No new customers enter and everyone is served the default analyzer; assignments are kept for when it resumes.',
    reasonRequired: true,
    danger: false,
  },
  resume: {
    label: 'Resume',
    title: 'Resume the experiment',
    description: 'Assigned customers are served their variant again and new ones may enter.',
    reasonRequired: false,
    danger: false,
  },
  stop: {
    label: 'Stop',
    title: 'Stop the experiment',
    description:
      'Nobody is served a variant any more. Outcomes still arrive (accuracy is known only after the prediction window), so the results keep filling in. It cannot be restarted.',
    reasonRequired: true,
    danger: true,
  },
  conclude: {
    label: 'Conclude',
    title: 'Conclude the experiment',
    description: 'The results become final. Name the variant to keep, or none.',
    reasonRequired: true,
    danger: false,
  },
};

type Decision = ExperimentResults['decision'];

/** The variant the promote dialog proposes: the one named when concluding, else the decision's winner. */
export function suggestedWinner(
  experiment: Pick<Experiment, 'conclusion'>,
  decision: Decision | null | undefined,
): string | null {
  if (experiment.conclusion) return experiment.conclusion.winner;
  if (decision?.action === 'ship' && decision.variant) return decision.variant;
  return null;
}

/** What a refused action means for the person who clicked. */
export function actionErrorMessage(error: { status: number; message: string }): string {
  if (error.status === 409)
    return 'This experiment was changed by someone else meanwhile. The page has been reloaded: check it and try again.';
  if (error.status === 403) return 'Your role may not change experiments.';
  if (error.status === 404) return 'This experiment no longer exists.';
  return error.message;
}

const DAY_MS = 86_400_000;

/** Whole days the experiment has run (to its stop when stopped); null before it started. */
export function daysRunning(
  experiment: Pick<Experiment, 'startedAt' | 'stoppedAt' | 'concludedAt'>,
  now: Date,
): number | null {
  if (!experiment.startedAt) return null;
  const end = experiment.stoppedAt ?? experiment.concludedAt;
  const until = end ? Date.parse(end) : now.getTime();
  return Math.max(0, Math.floor((until - Date.parse(experiment.startedAt)) / DAY_MS));
}

/** The product's default analyzer as the experiment page shows it (read by the server page, not over the API). */
export interface DefaultAnalyzerView {
  label: string;
  /** The experiment and variant it was promoted from; null when the ANALYZER setting decides. */
  experimentKey: string | null;
  variant: string | null;
  setAt: string | null;
  setBy: string | null;
}
