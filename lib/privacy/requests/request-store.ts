import { randomBytes } from 'node:crypto';
import { ConditionFailedError, getItem, putItem, scanItems, updateItem } from '../../db/items';
import { appendAudit } from '../audit/append-audit';
import type { AuditActor } from '../audit/audit-entry';
import { DUE_DAYS, privacyRequestSchema, type PrivacyRequest } from './privacy-request';

const actorText = (a: AuditActor) => `${a.kind}:${a.id}`;

export async function createPrivacyRequest(input: {
  customerId: string;
  kind: PrivacyRequest['kind'];
  regime: PrivacyRequest['regime'];
  note?: string;
  actor: AuditActor;
  now?: Date;
}): Promise<PrivacyRequest> {
  const now = input.now ?? new Date();
  const request: PrivacyRequest = {
    requestId: `req_${randomBytes(9).toString('base64url')}`,
    kind: input.kind,
    regime: input.regime,
    customerId: input.customerId,
    status: 'received',
    receivedAt: now.toISOString(),
    dueAt: new Date(now.getTime() + DUE_DAYS[input.regime] * 86_400_000).toISOString(),
    updatedAt: now.toISOString(),
    history: [
      {
        at: now.toISOString(),
        from: null,
        to: 'received',
        by: actorText(input.actor),
        ...(input.note ? { note: input.note } : {}),
      },
    ],
  };
  await putItem('privacy_requests', request, { condition: 'attribute_not_exists(requestId)' });
  // The request id is the audit subject: the customer id would have to be removed again by an erasure.
  await appendAudit({
    action: 'request.created',
    actor: input.actor,
    subjectId: request.requestId,
    details: { kind: request.kind, regime: request.regime, dueAt: request.dueAt },
  });
  return request;
}

export async function getPrivacyRequest(requestId: string): Promise<PrivacyRequest | undefined> {
  if (!requestId.startsWith('req_')) return undefined;
  const item = await getItem('privacy_requests', { requestId }, { consistent: true });
  return item ? privacyRequestSchema.parse(item) : undefined;
}

/** Every request (the table also keeps tombstones and settings, which are not), oldest due first. */
export async function listPrivacyRequests(): Promise<PrivacyRequest[]> {
  const items = await scanItems('privacy_requests', {
    expression: 'begins_with(requestId, :r)',
    values: { ':r': 'req_' },
  });
  return items.map((i) => privacyRequestSchema.parse(i)).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** Saves the request only if nobody changed it meanwhile (its `updatedAt` is the version). */
export async function saveIfUnchanged(previous: PrivacyRequest, next: PrivacyRequest): Promise<boolean> {
  try {
    await putItem('privacy_requests', next, {
      condition: 'updatedAt = :seen',
      values: { ':seen': previous.updatedAt },
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

/** When the access export was made: completing an access request needs one. */
export async function setExportedAt(requestId: string, at: string): Promise<void> {
  await updateItem('privacy_requests', { requestId }, 'SET exportedAt = :t', { values: { ':t': at } });
}

export async function setProgress(requestId: string, progress: PrivacyRequest['progress']): Promise<void> {
  await updateItem('privacy_requests', { requestId }, 'SET progress = :p', { values: { ':p': progress } });
}
