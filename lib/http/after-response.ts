import { after } from 'next/server';

const detached = new Set<Promise<void>>();

/**
 * Runs `task` once the response has been sent (Next's `after`, which also keeps a serverless instance alive for
 * it). Outside a request (a script, a test calling a handler directly) it starts the task now;
 * `settleAfterResponse()` waits for those.
 */
export function afterResponse(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    const running = task().finally(() => detached.delete(running));
    detached.add(running);
  }
}

/** Resolves once every task started outside a request has finished. */
export async function settleAfterResponse(): Promise<void> {
  while (detached.size) await Promise.allSettled([...detached]);
}
