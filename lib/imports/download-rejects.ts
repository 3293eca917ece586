import type { Readable } from 'node:stream';
import { conflict } from '../errors/domain-error';
import { findImport } from './find-import';
import { formulaSafeRejects } from './import-rejects';

/** The rejected lines of an import that has ended, as a CSV download whose cells no spreadsheet runs as formulas. */
export async function downloadRejects(importId: string): Promise<{ fileName: string; body: Readable }> {
  const { view, rejectsFile } = await findImport(importId);
  if (view.status === 'running')
    throw conflict(
      `Import ${importId} is still running; its rejected lines can be downloaded once it has ended.`,
    );
  return { fileName: `${importId}-rejects.csv`, body: formulaSafeRejects(rejectsFile) };
}
