import { z } from 'zod';
import {
  experimentDefinitionSchema,
  experimentPatchSchema,
  guardrailCheckSchema,
  type Experiment,
} from './experiment';
import type { ExperimentResults } from './stats/results-types';
import type { PredictionScores } from './results-input';

/**
 * The HTTP contract of the 7 experiment endpoints (ARCHITECTURE.md), shared by the route handlers and the dashboard:
 * request bodies as zod schemas, responses as types. Base path /api/v1.
 *
 *   GET    /experiments[?status=running]          experiments:read      → ExperimentListResponse
 *   POST   /experiments                            experiments:write     CreateExperimentBody → 201 ExperimentResponse
 *   GET    /experiments/{id}                       experiments:read      → ExperimentResponse
 *   PATCH  /experiments/{id}                       experiments:write     ExperimentActionBody → ExperimentResponse
 *   POST   /experiments/{id}/assignments           scope experiments:assign (or experiments:write)
 *                                                  AssignmentBody → AssignmentResponse
 *   POST   /experiments/{id}/observations          scope experiments:assign (or experiments:write)
 *                                                  ObservationsBody → 202 ObservationsResponse
 *   GET    /experiments/{id}/results               experiments:read      → ExperimentResultsResponse
 */

export const listExperimentsQuerySchema = z.strictObject({
  status: z.enum(['draft', 'running', 'paused', 'stopped', 'concluded']).optional(),
});

export const createExperimentBodySchema = experimentDefinitionSchema;

/**
 * PATCH: one action per request, conditional on the revision the user saw (409 when it moved on).
 * `edit` carries a patch; lifecycle actions may carry a reason (pause, stop and conclude need one);
 * `promote` makes the variant's analyzer the product's default analyzer (audited) and concludes the experiment.
 */
export const experimentActionBodySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('edit'), revision: z.number().int(), patch: experimentPatchSchema }),
  z.strictObject({
    action: z.enum(['start', 'pause', 'resume', 'stop']),
    revision: z.number().int(),
    reason: z.string().trim().min(1).max(500).optional(),
  }),
  z.strictObject({
    action: z.literal('conclude'),
    revision: z.number().int(),
    reason: z.string().trim().min(1).max(500),
    winner: z.string().nullable(),
  }),
  z.strictObject({
    action: z.literal('advance_ramp'),
    revision: z.number().int(),
    reason: z.string().trim().max(500).optional(),
    /** Absent: the server runs the guardrail check on the current results. */
    guardrailCheck: guardrailCheckSchema.optional(),
  }),
  z.strictObject({
    action: z.literal('rollback_ramp'),
    revision: z.number().int(),
    to: z.enum(['previous', 'zero']).default('previous'),
    failedGuardrail: z.string(),
    reason: z.string().trim().min(1).max(500),
  }),
  z.strictObject({
    action: z.literal('promote'),
    revision: z.number().int(),
    variant: z.string(),
    reason: z.string().trim().min(1).max(500),
  }),
]);
export type ExperimentActionBody = z.input<typeof experimentActionBodySchema>;

export const assignmentBodySchema = z.strictObject({ customerId: z.string().min(1).max(64) });

export const observationsBodySchema = z.strictObject({
  observations: z
    .array(
      z.strictObject({
        /** Makes a retry harmless: the same id is counted once. */
        observationId: z.string().min(1).max(200),
        /** Whose observation: the variant is taken from their assignment (404-like refusal when unassigned). */
        customerId: z.string().min(1).max(64),
        at: z.string().datetime({ offset: true }).optional(),
        /** metric key → value (custom metrics must be declared on the experiment). */
        values: z.record(z.string(), z.number().finite()),
        /** metric key → pre-period value of the same metric, for CUPED. */
        covariates: z.record(z.string(), z.number().finite()).optional(),
      }),
    )
    .min(1)
    .max(500),
});

/** A list row: the experiment plus what the list shows without opening it. */
export interface ExperimentListItem {
  experiment: Experiment;
  /** Whole days since it started; null before it started. */
  daysRunning: number | null;
  /** Share of eligible traffic now in the experiment (the ramp step in force), 0–100. */
  rampPercent: number;
  /** The statistics' decision now; null for drafts. */
  decision: ExperimentResults['decision'] | null;
}

export interface ExperimentListResponse {
  experiments: ExperimentListItem[];
}

export interface ExperimentResponse {
  experiment: Experiment;
}

export type AssignmentResponse =
  | {
      inExperiment: true;
      experimentKey: string;
      variant: string;
      holdout: boolean;
      /** Whether the experiment is running now (a sticky assignment outlives a pause). */
      active: boolean;
      new: boolean;
      assignedAt: string;
    }
  | { inExperiment: false; experimentKey: string; reason: string };

export interface ObservationsResponse {
  recorded: number;
  /** Already counted (same observationId). */
  duplicates: number;
}

/** One point of the cumulative-effect chart: a non-control variant's effect on a metric, as of the end of a day. */
export interface CumulativePoint {
  day: string;
  metric: string;
  variant: string;
  n: number;
  /**
   * Relative effect (variant − control)/|control| (0.05 = +5 %) with its always-valid interval; null while data is
   * too thin, when the control mean is 0 (undefined) or when the metric's sums are refused.
   */
  relative: number | null;
  lower: number | null;
  upper: number | null;
}

export interface ExperimentResultsResponse {
  experiment: Experiment;
  asOf: string;
  /** The store's time zone (IANA): the cumulative series' days are its days. */
  timeZone: string;
  results: ExperimentResults;
  /** Users assigned per variant (holdout excluded) and the plan. */
  sample: { plannedPerVariant: number | null; assignedPerVariant: Record<string, number> };
  cumulative: CumulativePoint[];
  /** Cost per correct prediction per variant, in USD (derived); null when nothing correct yet. */
  costPerCorrect: Record<string, number | null>;
  /** Predictions not resolved yet (neither bought nor past their horizon), per variant. */
  pendingOutcomes: Record<string, number>;
  /** How each variant's next-purchase predictions scored so far: interval score, window width, bought share. */
  predictionScores: Record<string, PredictionScores>;
}
