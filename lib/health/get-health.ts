import { checkHealth, type Health } from './check-health';

// Load balancers and curious visitors may poll /api/health often; DescribeStreamSummary alone is limited to
// 20 calls per second per account, so each process answers from a result at most this old.
const MAX_AGE_MS = 5_000;
let cached: { at: number; health: Promise<Health> } | undefined;

export function getHealth(): Promise<Health> {
  if (!cached || Date.now() - cached.at > MAX_AGE_MS) cached = { at: Date.now(), health: checkHealth() };
  return cached.health;
}

export function forgetHealth(): void {
  cached = undefined;
}
