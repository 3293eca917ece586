import { notFound } from '../errors/domain-error';
import { getImport } from './import-history';
import { findJob, registry, type ImportJob } from './import-job';
import type { ImportRecord } from './import-record';
import { importView, type ImportView } from './import-view';

/** What is known of an import (its web job, its history row) and its view; not_found when neither exists. */
export async function findImport(
  importId: string,
): Promise<{ job?: ImportJob; record?: ImportRecord; view: ImportView; rejectsFile: string }> {
  const job = findJob(importId);
  const record = await getImport(importId);
  if (!job && !record) throw notFound(`No import ${importId}.`);
  const view = importView({ job, record }, { now: Date.now(), live: registry.running.has(importId) });
  return { job, record, view, rejectsFile: job?.rejectsFile ?? record?.rejectsFile ?? '' };
}
