import { z } from 'zod';
import { createApiKey } from '@/lib/auth/api-keys/create-api-key';
import { listApiKeys } from '@/lib/auth/api-keys/list-api-keys';
import { SCOPES } from '@/lib/auth/permissions';
import { json, methodNotAllowed, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: { permission: 'api_keys:manage' } }, async () => ({
  apiKeys: await listApiKeys(),
}));

export const POST = route(
  {
    auth: { permission: 'api_keys:manage' },
    body: z.strictObject({
      name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
      scopes: z.array(z.enum(SCOPES)).min(1, 'choose at least one scope'),
    }),
    maxBodyBytes: 4096,
  },
  async ({ body, actor }) => {
    const created = await createApiKey({
      ...body,
      createdBy: actor.kind === 'user' ? actor.email : actor.keyId,
    });
    return json(created, { status: 201 });
  },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
