import { z } from 'zod';
import { ApiKeyNotFoundError, revokeApiKey } from '@/lib/auth/api-keys/revoke-api-key';
import { notFound } from '@/lib/http/errors';
import { methodNotAllowed, route } from '@/lib/http/route';

export const POST = route(
  {
    auth: { permission: 'api_keys:manage' },
    params: z.object({ keyId: z.string().regex(/^key_[a-z0-9]{1,32}$/, 'is not an API key id') }),
  },
  async ({ params }) => {
    try {
      return { apiKey: await revokeApiKey(params.keyId) };
    } catch (error) {
      if (error instanceof ApiKeyNotFoundError) throw notFound(error.message);
      throw error;
    }
  },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
