import { storeUnits, type StoreUnits } from '../overview/store-units';
import { listImports } from './import-history';
import { findJob, registry } from './import-job';
import { importView, type ImportView } from './import-view';

/** Past and running imports, newest first (dry runs leave no history); `before`: a previous page's nextCursor. */
export async function listImportHistory(
  limit: number,
  before?: string,
): Promise<{ imports: ImportView[]; nextCursor: string | null; store: StoreUnits }> {
  const page = await listImports(limit, before);
  const now = Date.now();
  // The job this process runs, with its freshest progress, else its file: the same as GET /imports/{id} shows.
  const imports = page.imports.map((record) =>
    importView(
      { job: findJob(record.importId), record },
      { now, live: registry.running.has(record.importId) },
    ),
  );
  return { imports, nextCursor: page.nextCursor, store: storeUnits() };
}
