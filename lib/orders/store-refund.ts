import { createHash } from 'node:crypto';
import { getConfig } from '../config';
import { ConditionFailedError, updateItem } from '../db/items';
import { conflict, notFound, unprocessable } from '../errors/domain-error';
import { getOrder } from './get-order';
import { orderSchema, type Order, type Refund } from './order';
import { closeOutboxRow, putOutboxRow, type RefundOutboxRow } from './outbox';
import { refundEventId } from './refund-event';
import type { RefundOrderRequest } from './refund-order-request';
import { refundProblem, withOrderCategories } from './refund-rules';

export interface RefundContext {
  /** Who sent it (API key id): an Idempotency-Key is unique per client, not globally. */
  clientId: string;
  idempotencyKey?: string;
}

export interface StoredRefund {
  /** The order with the refund on it. */
  order: Order;
  refundId: string;
  row: RefundOutboxRow;
  /** False when this request repeated an earlier one: the first result is returned, nothing new is stored. */
  created: boolean;
  /** True when this request has nothing to publish: the refund was stored before, by a request that did. */
  published: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function refundIdFor(orderId: string, request: RefundOrderRequest, context: RefundContext): string {
  if (request.refundId) return request.refundId;
  if (context.idempotencyKey)
    return `rf_${sha256(`${context.clientId}\n${context.idempotencyKey}\n${orderId}`).slice(0, 24)}`;
  throw unprocessable(
    'Send an Idempotency-Key header or a refundId, so a retried request cannot refund the order twice.',
  );
}

const sameRefundElsewhere = (orderId: string, refundId: string) =>
  conflict(
    `Refund ${refundId} of order ${orderId} was already taken with a different amount, items or reason; ` +
      'use a new Idempotency-Key or refundId.',
  );

export type ApplyOutcome =
  | { outcome: 'applied'; order: Order }
  /** The refund id is on the order with other content (another request, or an import). */
  | { outcome: 'taken'; order: Order }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'missing' };

const ATTEMPTS = 5;

/**
 * Puts the refund on its order unless it is there already: read, check against what is left, append with a
 * condition on the number of refunds read, so two refunds racing on one order cannot both spend the same
 * remainder (the loser reads again and is checked against the new remainder). Idempotent by refund id.
 */
export async function applyRefund(orderId: string, refund: Refund): Promise<ApplyOutcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const order = await getOrder(orderId, { consistent: true });
    if (!order) return { outcome: 'missing' };
    const present = order.refunds?.find((r) => r.refundId === refund.refundId);
    if (present)
      return present.fingerprint === refund.fingerprint
        ? { outcome: 'applied', order }
        : { outcome: 'taken', order };
    const problem = refundProblem(order, refund);
    if (problem) return { outcome: 'refused', reason: problem };
    const count = order.refunds?.length ?? 0;
    try {
      const item = await updateItem(
        'orders',
        { orderId },
        'SET refunds = list_append(if_not_exists(refunds, :none), :refund), ' +
          'refundedMinor = if_not_exists(refundedMinor, :zero) + :amount',
        {
          values: {
            ':none': [],
            ':refund': [refund],
            ':zero': 0,
            ':amount': refund.amountMinor,
            ':n': count,
          },
          condition:
            count === 0 ? 'attribute_not_exists(refunds) OR size(refunds) = :n' : 'size(refunds) = :n',
        },
      );
      return { outcome: 'applied', order: orderSchema.parse(item) };
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      // Another refund landed since the read: read again.
    }
  }
  throw conflict(`Order ${orderId} kept changing while this refund was taken; send it again.`);
}

/**
 * Steps 1–2 of a refund, each idempotent: (1) the outbox row (the intent, conditional on the event id derived from
 * the order and refund ids), (2) the refund on the order. The same refund id with the same content returns the
 * first result; with other content it is a 409. An unknown order is a 404; more than is left, or units the order
 * did not sell (or that came back already), a 422. Publishing is the caller's step 3.
 */
export async function storeRefund(
  orderId: string,
  request: RefundOrderRequest,
  context: RefundContext,
): Promise<StoredRefund> {
  const order = await getOrder(orderId, { consistent: true });
  if (!order) throw notFound(`There is no order ${orderId}.`);
  const store = getConfig().STORE_CURRENCY;
  if (order.currency !== store)
    throw unprocessable(`Order ${orderId} is in ${order.currency}; this store refunds in ${store}.`);
  const refundId = refundIdFor(orderId, request, context);
  // What makes two requests "the same refund": what the client sent, items in a stable order.
  const items = request.items && [...request.items].sort((a, b) => a.productId.localeCompare(b.productId));
  const fingerprint = sha256(JSON.stringify([request.amountMinor, items ?? null, request.reason ?? null]));
  const eventId = refundEventId(orderId, refundId);
  const earlier = order.refunds?.find((r) => r.refundId === refundId);
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) throw sameRefundElsewhere(orderId, refundId);
    return { order, refundId, row: rowFor(order, earlier, fingerprint), created: false, published: true };
  }
  const problem = refundProblem(order, request);
  if (problem) throw unprocessable(problem);

  const refund: Refund = {
    refundId,
    at: new Date().toISOString(),
    amountMinor: request.amountMinor,
    ...(items ? { items: withOrderCategories(order, items) } : {}),
    ...(request.reason ? { reason: request.reason } : {}),
    source: 'api',
    fingerprint,
  };
  const fresh = rowFor(order, refund, fingerprint);
  const existing = await putOutboxRow(fresh);
  if (existing && existing.fingerprint !== fingerprint) throw sameRefundElsewhere(orderId, refundId);
  const row = existing ?? fresh;
  const applied = await applyRefund(orderId, row.refund);
  if (applied.outcome !== 'applied') {
    // Nothing of this request is stored: its intent must not be published by the sweeper either.
    await closeOutboxRow(eventId);
    if (applied.outcome === 'refused') throw unprocessable(applied.reason);
    if (applied.outcome === 'taken') throw sameRefundElsewhere(orderId, refundId);
    throw notFound(`There is no order ${orderId}.`);
  }
  return { order: applied.order, refundId, row, created: !existing, published: false };
}

function rowFor(order: Order, refund: Refund, fingerprint: string): RefundOutboxRow {
  return {
    kind: 'refund',
    eventId: refundEventId(order.orderId, refund.refundId),
    createdAt: new Date().toISOString(),
    orderId: order.orderId,
    customerId: order.customerId,
    fingerprint,
    refund,
  };
}
