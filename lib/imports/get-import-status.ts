import { storeUnits, type StoreUnits } from '../overview/store-units';
import { findImport } from './find-import';
import { readRejectsPage } from './import-rejects';
import type { RejectedLine } from './import-types';
import type { ImportView } from './import-view';

export interface RejectsPage {
  offset: number;
  limit: number;
  /** Rejected lines in all (the summary's count). */
  total: number;
  lines: RejectedLine[];
}

/**
 * An import or dry run: status, progress (lines read, bytes, lines/s, ETA), counts and summary, and once it has
 * ended a page of its rejected lines (line, column, reason), in the order they were found.
 */
export async function getImportStatus(
  importId: string,
  page: { offset: number; limit: number },
): Promise<{ import: ImportView; rejects?: RejectsPage; store: StoreUnits }> {
  const { view, rejectsFile } = await findImport(importId);
  const total = view.summary?.linesRejected ?? 0;
  const rejects =
    view.status !== 'running' && view.summary
      ? {
          offset: page.offset,
          limit: page.limit,
          total,
          lines: total ? await readRejectsPage(rejectsFile, page.offset, page.limit) : [],
        }
      : undefined;
  return { import: view, ...(rejects ? { rejects } : {}), store: storeUnits() };
}
