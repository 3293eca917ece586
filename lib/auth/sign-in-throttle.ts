/**
 * Guards sign-in against guessing and against scrypt exhaustion: failures per email and attempts per client address
 * in a sliding window, kept in memory per process (enough for one web process; a shared store would be needed for
 * many, see docs/deployment.md).
 */
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_EMAIL = 10;
const MAX_ATTEMPTS_PER_CLIENT = 60;
const MAX_TRACKED = 10_000;

const failures = new Map<string, number[]>();
const attempts = new Map<string, number[]>();

function recent(map: Map<string, number[]>, key: string, now: number): number[] {
  const kept = (map.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (kept.length) map.set(key, kept);
  else map.delete(key);
  return kept;
}

function add(map: Map<string, number[]>, key: string, now: number): void {
  if (map.size >= MAX_TRACKED && !map.has(key)) map.delete(map.keys().next().value as string);
  map.set(key, [...recent(map, key, now), now]);
}

/** Seconds to wait before trying again, or undefined when the attempt may go ahead. */
export function signInBlockedFor(email: string, client: string, now = Date.now()): number | undefined {
  const byEmail = recent(failures, email.toLowerCase(), now);
  const byClient = recent(attempts, client, now);
  const oldest = [
    byEmail.length >= MAX_FAILURES_PER_EMAIL ? byEmail[0] : undefined,
    byClient.length >= MAX_ATTEMPTS_PER_CLIENT ? byClient[0] : undefined,
  ].filter((t): t is number => t !== undefined);
  if (!oldest.length) return undefined;
  return Math.max(1, Math.ceil((Math.min(...oldest) + WINDOW_MS - now) / 1000));
}

export function recordSignInAttempt(client: string, now = Date.now()): void {
  add(attempts, client, now);
}

export function recordSignInResult(email: string, ok: boolean, now = Date.now()): void {
  if (ok) failures.delete(email.toLowerCase());
  else add(failures, email.toLowerCase(), now);
}

export function resetSignInThrottle(): void {
  failures.clear();
  attempts.clear();
}
