/**
 * Customers whose personalization consent was withdrawn, as this process learns of it (the worker's `consent`
 * handler notes them). A batch run in the same process drops them from the page it is about to write, so an
 * insight computed before the withdrawal is not stored after the handler deleted the old ones. A run in another
 * process is covered by its end-of-run reconciliation.
 */
const withdrawn = new Map<string, number>();
const KEEP_MS = 24 * 3_600_000;

export function noteWithdrawn(customerIds: readonly string[], now = Date.now()): void {
  for (const id of customerIds) withdrawn.set(id, now);
  if (withdrawn.size > 100_000)
    for (const [id, at] of withdrawn) if (now - at > KEEP_MS) withdrawn.delete(id);
}

/** Those of `customerIds` withdrawn at or after `sinceMs`. */
export function withdrawnSince(customerIds: readonly string[], sinceMs: number): Set<string> {
  return new Set(customerIds.filter((id) => (withdrawn.get(id) ?? -Infinity) >= sinceMs));
}
