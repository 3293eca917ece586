import { z } from 'zod';
import { afterResponse } from '@/lib/http/after-response';
import { DomainError } from '@/lib/errors/domain-error';
import { json, methodNotAllowed, route } from '@/lib/http/route';
import { createOrder } from '@/lib/orders/create-order';
import { createOrderRequestSchema } from '@/lib/orders/create-order-request';

export const dynamic = 'force-dynamic';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

export const POST = route(
  {
    auth: { scope: 'orders:write' },
    body: createOrderRequestSchema,
    maxBodyBytes: 256 * 1024,
    query: z.strictObject({}),
  },
  async ({ body, actor, request }) => {
    const key = request.headers.get('idempotency-key') ?? undefined;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new DomainError('invalid', 'Idempotency-Key must be 1–128 visible ASCII characters.', {
        title: 'Bad request', // as this answer has always been titled
      });
    }
    const clientId = actor.kind === 'api_key' ? actor.keyId : actor.email;
    const { order, created } = await createOrder(body, { clientId, idempotencyKey: key }, afterResponse);
    // A repeated request answers with the first result (200 instead of 201), never a second order.
    return json({ order }, { status: created ? 201 : 200 });
  },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
