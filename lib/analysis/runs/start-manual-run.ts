import { getAnalyzer } from '../analyzers/get-analyzer';
import type { Run } from './run';
import { startRun } from './run-batch';

/**
 * Queues a batch run someone asked for, recorded as made by the product's default analyzer (the worker resolves it
 * again when it explains). Which analyzer that is stays this service's decision, not the caller's.
 */
export async function startManualRun(requestedBy: string): Promise<{ run: Run; created: boolean }> {
  return startRun('manual', requestedBy, getAnalyzer().name);
}
