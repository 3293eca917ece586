import { getConfig } from '../config';
import { pseudonymFor } from '../privacy/pseudonym';
import { forEachLimit } from '../for-each-limit';
import type { Experiment } from './experiment';
import { getExperiment } from './get-experiment';
import { accuracyCell, predictionFrom, type PredictionSource } from './outcomes/outcome-cells';
import { openOutcome } from './outcomes/outcome-store';
import { recordObservation } from './record-observation';

/** What the analysis pipeline hands over of a stored insight (lib/analysis/insight-store.ts). */
export interface AnalysedInsight {
  customerId: string;
  version: string;
  createdAt: string;
  experimentKey?: string;
  variant?: string;
  latencyMs: number;
  costUsd: number;
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number };
  fallbackReason?: string;
  skippedModel?: string;
  numbers: PredictionSource;
}

/** Stable per stored insight: a page written again (a retried batch page) counts nothing twice. */
const analysisObservationId = (i: Pick<AnalysedInsight, 'customerId' | 'version'>) =>
  `analysis:${i.customerId}:${i.version}`;
const accuracyObservationId = (i: Pick<AnalysedInsight, 'customerId' | 'version'>) =>
  `accuracy:${i.customerId}:${i.version}`;

/**
 * After insights an experiment chose the analyzer for are stored: one observation per analysis — `latency_ms`,
 * `cost_usd`, `tokens`, and `schema_valid` (1 when the variant's own analyzer wrote the words, 0 when the
 * statistical text stood in) — and, when the insight predicts a next purchase, an open accuracy outcome (at most one
 * per customer and experiment at a time) that a later purchase or the sweep resolves. An insight the variant's
 * analyzer could not write for lack of consent (`skippedModel`) measures nothing. Best effort: what cannot be
 * recorded is logged and missing (an under-count), never a failed analysis.
 */
export async function recordAnalysisObservations(
  insights: readonly AnalysedInsight[],
  options: { experiments?: readonly Experiment[]; now?: Date } = {},
): Promise<{ recorded: number; predictions: number }> {
  const now = options.now ?? new Date();
  const known = new Map((options.experiments ?? []).map((e) => [e.key, e]));
  const lookup = async (key: string) => {
    if (!known.has(key)) {
      const e = await getExperiment(key);
      if (e) known.set(key, e);
    }
    return known.get(key);
  };
  const measured = insights.filter((i) => i.experimentKey && i.variant && !i.skippedModel);
  let recorded = 0;
  let predictions = 0;
  await forEachLimit(measured, 8, async (insight) => {
    try {
      const experiment = await lookup(insight.experimentKey!);
      if (!experiment || experiment.status === 'draft' || experiment.status === 'concluded') return;
      const u = insight.usage;
      const result = await recordObservation(
        experiment.key,
        {
          observationId: analysisObservationId(insight),
          variant: insight.variant!,
          at: insight.createdAt,
          values: {
            latency_ms: insight.latencyMs,
            cost_usd: insight.costUsd,
            tokens: u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens,
            schema_valid: insight.fallbackReason ? 0 : 1,
          },
        },
        now,
        { experiment },
      );
      if (result.recorded) recorded += 1;
      const prediction = predictionFrom(insight.numbers, getConfig().STORE_TIMEZONE);
      if (!prediction) return;
      const opened = await openOutcome({
        experimentId: experiment.key,
        cell: accuracyCell(pseudonymFor(insight.customerId)),
        metric: 'accuracy',
        variant: insight.variant!,
        observationId: accuracyObservationId(insight),
        customerId: insight.customerId,
        madeAt: insight.createdAt,
        ...prediction,
        costUsd: insight.costUsd,
      });
      if (opened) predictions += 1;
    } catch (error) {
      console.error(
        `[experiments] could not record the analysis of ${insight.customerId} in ${insight.experimentKey}: ${(error as Error).message}`,
      );
    }
  });
  return { recorded, predictions };
}
