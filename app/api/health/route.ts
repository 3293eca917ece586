import { checkHealth } from '@/lib/health/check-health';
import { json, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'public' }, async () => {
  const health = await checkHealth();
  return json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
});
