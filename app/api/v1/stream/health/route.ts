import { methodNotAllowed, route } from '@/lib/http/route';
import { getStreamHealth } from '@/lib/live/get-stream-health';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: { permission: 'live:read' } }, async () => getStreamHealth());

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
