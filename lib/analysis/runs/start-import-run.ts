import { getAnalyzer } from '../analyzers/get-analyzer';
import type { Run } from './run';
import { startRun } from './run-batch';

/**
 * Queues the analysis run an import asks for once its orders are stored, so insights and models see the imported
 * history. The run id follows the import's, so finishing an interrupted import again queues nothing twice. The
 * worker picks it up (or `npm run batch` resumes it when no worker runs).
 */
export async function startImportRun(
  importId: string,
  requestedBy: string,
): Promise<{ run: Run; created: boolean }> {
  return startRun('import', requestedBy, getAnalyzer().name, new Date(), `run_${importId}`);
}
