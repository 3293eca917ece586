import { startImportRun } from '../analysis/runs/start-import-run';
import { recomputeSegments } from '../analysis/segments/recompute-segments';
import { rebuildBusinessWeeks, type RebuiltWeeks } from '../overview/rebuild-business-weeks';

export interface FinishedImport {
  weeks: RebuiltWeeks;
  /** `refused`: customers left unscored because they do not allow personalization. */
  segments: { scored: number; changed: number; refused: number; seconds: number };
  /** The analysis run queued for the imported history (trigger `import`). */
  analysisRunId: string;
}

/**
 * What an import changes beyond its rows, since it publishes no purchase events for the worker to react to (the
 * customer summaries are recomputed bucket by bucket before this): the Overview's weeks and totals rebuilt from the
 * orders table, RFM segments recomputed over everyone, and an analysis run queued so models and insights see the
 * new history. Each step is idempotent: finishing an interrupted import again repeats them harmlessly.
 */
export async function finishImport(importId: string, requestedBy: string): Promise<FinishedImport> {
  const weeks = await rebuildBusinessWeeks();
  const segments = await recomputeSegments();
  const { run } = await startImportRun(importId, requestedBy);
  return {
    weeks,
    segments: {
      scored: segments.scored,
      changed: segments.changed,
      refused: segments.refused,
      seconds: segments.seconds,
    },
    analysisRunId: run.runId,
  };
}
