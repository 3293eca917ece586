import { eventIdFor, newEvent } from '../../events';
import { publishEvent } from '../../stream/event-publisher';
import { appendAudit } from '../audit/append-audit';
import type { AuditActor } from '../audit/audit-entry';
import { eraseCustomerData } from '../erasure/erase-customer';
import { putTombstone } from '../erasure/tombstones';
import { NEXT, type PrivacyRequest, type RequestStatus } from './privacy-request';
import { getPrivacyRequest, saveIfUnchanged, setProgress } from './request-store';

export class RequestNotFoundError extends Error {
  override name = 'RequestNotFoundError';
}
export class TransitionRefusedError extends Error {
  override name = 'TransitionRefusedError';
}

/**
 * Erases the customer of an erasure request: tombstone first (so events arriving meanwhile are dropped), then every
 * table's rule, then `customer_erased` for the consumers. Each step is idempotent: a completion that was interrupted
 * is finished by asking again.
 */
async function erase(request: PrivacyRequest): Promise<NonNullable<PrivacyRequest['receipt']>> {
  const erasedAt = new Date().toISOString();
  const customerId = request.customerId;
  await putTombstone(customerId, request.requestId, erasedAt);
  const steps = await eraseCustomerData(customerId, (done, of, table) =>
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
 * an erasure carries it out and stores the receipt; completing an access request needs its export to have been
 * produced. A move the workflow does not allow, or one racing another officer's, is refused.
 */
export async function transitionRequest(
  requestId: string,
  to: RequestStatus,
  actor: AuditActor,
  note?: string,
): Promise<PrivacyRequest> {
  const request = await getPrivacyRequest(requestId);
  if (!request) throw new RequestNotFoundError(`No privacy request ${requestId}.`);
  const allowed = NEXT[request.status];
  if (!allowed.includes(to)) {
    throw new TransitionRefusedError(
      allowed.length
        ? `A request that is ${request.status} can go to ${allowed.join(' or ')}, not ${to}.`
        : `The request is ${request.status}; it cannot change any more.`,
    );
  }
  if (to === 'completed' && request.kind === 'access' && !request.exportedAt)
    throw new TransitionRefusedError(
      'Produce the export for the customer before completing an access request.',
    );

  const receipt = to === 'completed' && request.kind === 'erasure' ? await erase(request) : undefined;
  const now = new Date().toISOString();
  const current = receipt ? ((await getPrivacyRequest(requestId)) ?? request) : request;
  const next: PrivacyRequest = {
    ...current,
    status: to,
    updatedAt: now,
    history: [
      ...current.history,
      { at: now, from: current.status, to, by: `${actor.kind}:${actor.id}`, ...(note ? { note } : {}) },
    ],
    ...(receipt ? { receipt, progress: undefined } : {}),
  };
  if (!(await saveIfUnchanged(current, JSON.parse(JSON.stringify(next)) as PrivacyRequest)))
    throw new TransitionRefusedError('Someone else changed this request just now; reload it and try again.');
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
