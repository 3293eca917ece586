import { conflict, notFound } from '../../errors/domain-error';
import { appendAudit } from '../audit/append-audit';
import type { AuditActor } from '../audit/audit-entry';
import { exportCustomerData, toCsv } from '../erasure/export-customer';
import { zipFiles } from '../erasure/zip';
import { getPrivacyRequest, setExportedAt } from './request-store';

export type ExportFormat = 'json' | 'csv';

/** A file to hand to the officer: its name, media type and bytes. */
export interface ExportFile {
  name: string;
  contentType: string;
  content: string | Uint8Array<ArrayBuffer>;
}

/**
 * The export of an access request: everything held about the customer as one JSON document, or (`csv`) a ZIP of
 * one CSV per table. Only for access requests whose requester is verified (in_progress or completed); the time of
 * the export is kept on the request (completing it needs one) and the export is audited.
 */
export async function exportPrivacyRequest(
  requestId: string,
  format: ExportFormat,
  actor: AuditActor,
): Promise<ExportFile> {
  const request = await getPrivacyRequest(requestId);
  if (!request) throw notFound(`No privacy request ${requestId}.`);
  if (request.kind !== 'access') throw conflict('Only access requests have an export.');
  if (request.status !== 'in_progress' && request.status !== 'completed')
    throw conflict(
      `Verify the requester first: the request is ${request.status}; exports start at in_progress.`,
    );
  const data = await exportCustomerData(request.customerId);
  const exportedAt = data.exportedAt;
  await setExportedAt(request.requestId, exportedAt);
  await appendAudit({
    action: 'request.exported',
    actor,
    subjectId: request.requestId,
    details: { format, tables: Object.keys(data.tables).length },
  });
  const name = `customer-export-${request.requestId}`;
  if (format === 'json')
    return {
      name: `${name}.json`,
      contentType: 'application/json; charset=utf-8',
      content: JSON.stringify(data, null, 2),
    };
  const files = [
    {
      name: 'README.txt',
      content: `Data held about ${data.customerId}, exported ${exportedAt}. One CSV per table.\r\n`,
    },
    ...Object.entries(data.tables).map(([table, items]) => ({
      name: `${table}.csv`,
      content: toCsv(items ?? []),
    })),
  ];
  return { name: `${name}.zip`, contentType: 'application/zip', content: new Uint8Array(zipFiles(files)) };
}
