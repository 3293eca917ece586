import { z } from 'zod';
import type { AnalyzerConfig } from './experiment';

/** A customer's sticky variant in `experiment_assignments` (key: experimentId + customerId). */
export const assignmentSchema = z.object({
  experimentId: z.string(),
  customerId: z.string(),
  /** A variant's name, or `holdout`. */
  variant: z.string(),
  holdout: z.boolean(),
  assignedAt: z.string(),
  /** The customer's bucket (GrowthBook hash v2, 0–1) and the ramp percent in force when they entered. */
  bucket: z.number(),
  coveragePercent: z.number(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** Why a customer is not (yet) in an experiment. Only an assignment is stored: each of these may change later. */
export type NotInExperimentReason =
  /** Not running: a draft, paused at 0 %, stopped or concluded. */
  | 'not_running'
  /** Outside the targeted segments (or no segment, or an unknown customer). */
  | 'not_targeted'
  /** The consent the experiment needs is missing: personalization to target by segment, ai_processing for a model arm. */
  | 'no_consent'
  /** Outside the current ramp step's coverage: may enter when the ramp grows. */
  | 'outside_ramp';

export type AssignmentOutcome =
  | {
      inExperiment: true;
      experimentKey: string;
      variant: string;
      holdout: boolean;
      /** The analyzer to use: the variant's (control's for the holdout). */
      analyzer: AnalyzerConfig;
      /** True when the experiment is running: serve the variant. Otherwise serve the default and keep the record. */
      active: boolean;
      /** Assigned by this call (false: found stored). */
      new: boolean;
      assignedAt: string;
    }
  | { inExperiment: false; experimentKey: string; reason: NotInExperimentReason };
