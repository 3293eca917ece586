import { z } from 'zod';
import { revokeApiKey } from '@/lib/auth/api-keys/revoke-api-key';
import { methodNotAllowed, route } from '@/lib/http/route';

export const POST = route(
  {
    auth: { permission: 'api_keys:manage' },
    params: z.object({ keyId: z.string().regex(/^key_[a-z0-9]{1,32}$/, 'is not an API key id') }),
  },
  async ({ params }) => ({ apiKey: await revokeApiKey(params.keyId) }),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
