import { z } from 'zod';
import { DomainError } from '@/lib/errors/domain-error';
import { afterResponse } from '@/lib/http/after-response';
import { json, methodNotAllowed, route } from '@/lib/http/route';
import { refundOrder } from '@/lib/orders/refund-order';
import { refundOrderRequestSchema } from '@/lib/orders/refund-order-request';

export const dynamic = 'force-dynamic';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

export const POST = route(
  {
    auth: { scope: 'orders:write' },
    params: z.strictObject({
      orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -'),
    }),
    body: refundOrderRequestSchema,
    maxBodyBytes: 64 * 1024,
    query: z.strictObject({}),
  },
  async ({ params, body, actor, request }) => {
    const key = request.headers.get('idempotency-key') ?? undefined;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw new DomainError('invalid', 'Idempotency-Key must be 1–128 visible ASCII characters.');
    const clientId = actor.kind === 'api_key' ? actor.keyId : actor.email;
    const { created, ...outcome } = await refundOrder(
      params.orderId,
      body,
      { clientId, idempotencyKey: key },
      afterResponse,
    );
    // A repeated request answers with the first result (200 instead of 201) and refunds nothing more.
    return json(outcome, { status: created ? 201 : 200 });
  },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
