import { getRun, type Run } from '../analysis/runs/run';
import { storeUnits, type StoreUnits } from '../overview/store-units';
import { findImport } from './find-import';
import { readRejectsPage } from './import-rejects';
import type { RejectedLine } from './import-types';
import type { ImportView } from './import-view';
import { readRejectExamples, type RejectExample } from './reject-examples';

export interface RejectsPage {
  offset: number;
  limit: number;
  /** Rejected lines in all (the summary's count). */
  total: number;
  lines: RejectedLine[];
  /** Per kind of rejection, the whole reason of its first line (read from the rejects file, like `lines`). */
  examples: RejectExample[];
}

/** What the Imports page says of the analysis run an import queued once it finished. */
export type ImportAnalysisRun = Pick<
  Run,
  | 'runId'
  | 'status'
  | 'phase'
  | 'done'
  | 'total'
  | 'refused'
  | 'withoutOrders'
  | 'claims'
  | 'finishedAt'
  | 'error'
>;

async function analysisRunOf(view: ImportView): Promise<ImportAnalysisRun | undefined> {
  if (!view.analysisRunId) return undefined;
  const run = await getRun(view.analysisRunId);
  if (!run) return undefined;
  const { runId, status, phase, done, total, refused, withoutOrders, claims, finishedAt, error } = run;
  return {
    runId,
    status,
    phase,
    done,
    total,
    refused,
    withoutOrders,
    claims,
    ...(finishedAt ? { finishedAt } : {}),
    ...(error ? { error } : {}),
  };
}

/**
 * An import or dry run: status, progress (lines read, bytes, lines/s, ETA), counts and summary, what finishing did
 * and the analysis run it queued, and once it has ended a page of its rejected lines (line, column, reason), in the
 * order they were found, with the first line of each kind of rejection. Reasons quote the file's values, which may be
 * personal data: they are read from the rejects file for this answer only (the same readers as the page of lines),
 * never kept in the history.
 */
export async function getImportStatus(
  importId: string,
  page: { offset: number; limit: number },
): Promise<{
  import: ImportView;
  rejects?: RejectsPage;
  analysisRun?: ImportAnalysisRun;
  store: StoreUnits;
}> {
  const { view, rejectsFile } = await findImport(importId);
  const summary = view.summary;
  const total = summary?.linesRejected ?? 0;
  const [lines, examples, analysisRun] = await Promise.all([
    view.status !== 'running' && total ? readRejectsPage(rejectsFile, page.offset, page.limit) : [],
    view.status !== 'running' && total
      ? readRejectExamples(rejectsFile, summary?.firstRejectedLine ?? {})
      : [],
    analysisRunOf(view),
  ]);
  const rejects =
    view.status !== 'running' && summary
      ? { offset: page.offset, limit: page.limit, total, lines, examples }
      : undefined;
  return {
    import: view,
    ...(rejects ? { rejects } : {}),
    ...(analysisRun ? { analysisRun } : {}),
    store: storeUnits(),
  };
}
