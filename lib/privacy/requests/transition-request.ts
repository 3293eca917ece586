import { TABLES } from '../../db/tables';
import { conflict, notFound } from '../../errors/domain-error';
import { eventIdFor, newEvent } from '../../events';
import { publishEvent } from '../../kinesis/producer';
import { appendAudit } from '../audit/append-audit';
import type { AuditActor } from '../audit/audit-entry';
import { eraseCustomerData } from '../erasure/erase-customer';
import { erasedReference, putTombstone } from '../erasure/tombstones';
import { NEXT, withoutNotes, type PrivacyRequest, type RequestStatus } from './privacy-request';
import { getPrivacyRequest, saveIfUnchanged, setProgress } from './request-store';

/**
 * Erases the customer of an erasure request: tombstone first (so events arriving meanwhile are dropped), then every
 * table's rule, then `customer_erased` for the consumers. The request itself keeps the customer id until its final
 * save, so an interrupted erasure, completed again, erases the same customer. Each step is idempotent.
 */
async function erase(request: PrivacyRequest): Promise<NonNullable<PrivacyRequest['receipt']>> {
  const erasedAt = new Date().toISOString();
  const customerId = request.customerId;
  await putTombstone(customerId, request.requestId, erasedAt);
  const steps = await eraseCustomerData(customerId, { requestId: request.requestId }, (done, of, table) =>
    setProgress(request.requestId, { done, of, table }),
  );
  await publishEvent(
    newEvent('customer_erased', {
      eventId: eventIdFor('customer_erased', request.requestId),
      customerId,
      occurredAt: erasedAt,
      source: 'privacy',
      properties: { requestId: request.requestId, erasedAt },
    }),
  );
  return { erasedAt, steps };
}

/**
 * Moves a request along the workflow (received → verifying → in_progress → completed | denied), audited. Completing
 * an access request needs its export first. Completing an erasure first claims the request (so another officer
 * cannot deny it meanwhile), then carries it out and stores the receipt, with the customer id replaced by an
 * unlinkable reference and the officers' notes removed. A request whose erasure started can only be completed
 * (which resumes it). A move the workflow does not allow, or one racing another officer's, is refused (conflict).
 */
export async function transitionRequest(
  requestId: string,
  to: RequestStatus,
  actor: AuditActor,
  note?: string,
): Promise<PrivacyRequest> {
  const request = await getPrivacyRequest(requestId);
  if (!request) throw notFound(`No privacy request ${requestId}.`);
  const allowed = NEXT[request.status];
  if (!allowed.includes(to)) {
    throw conflict(
      allowed.length
        ? `A request that is ${request.status} can go to ${allowed.join(' or ')}, not ${to}.`
        : `The request is ${request.status}; it cannot change any more.`,
    );
  }
  if (request.progress && to !== 'completed')
    throw conflict('The erasure has started; it can only be completed (which resumes it).');
  if (to === 'completed' && request.kind === 'access' && !request.exportedAt)
    throw conflict('Produce the export for the customer before completing an access request.');

  const raced = () => conflict('Someone else changed this request just now; reload it and try again.');
  let current = request;
  let receipt: PrivacyRequest['receipt'];
  if (to === 'completed' && request.kind === 'erasure') {
    const claimed: PrivacyRequest = {
      ...request,
      updatedAt: new Date().toISOString(),
      progress: request.progress ?? { done: 0, of: TABLES.length, table: 'starting' },
    };
    if (!(await saveIfUnchanged(request, claimed))) throw raced();
    receipt = await erase(claimed);
    current = (await getPrivacyRequest(requestId)) ?? claimed;
  }
  const now = new Date().toISOString();
  const history = [
    ...current.history,
    {
      at: now,
      from: current.status,
      to,
      by: `${actor.kind}:${actor.id}`,
      ...(note && !receipt ? { note } : {}),
    },
  ];
  const next: PrivacyRequest = {
    ...current,
    status: to,
    updatedAt: now,
    history: receipt ? (withoutNotes(history) as PrivacyRequest['history']) : history,
    ...(receipt ? { receipt, progress: undefined, customerId: erasedReference(current.customerId) } : {}),
  };
  if (!(await saveIfUnchanged(current, JSON.parse(JSON.stringify(next)) as PrivacyRequest))) throw raced();
  await appendAudit({
    action: receipt ? 'customer.erased' : 'request.transitioned',
    actor,
    subjectId: requestId,
    details: {
      from: current.status,
      to,
      kind: request.kind,
      ...(receipt ? { tables: receipt.steps.filter((s) => s.items > 0).map((s) => s.table) } : {}),
    },
  });
  return next;
}
