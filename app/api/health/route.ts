import { getHealth } from '@/lib/health/get-health';
import { json, methodNotAllowed, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'public' }, async () => {
  const health = await getHealth();
  return json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
