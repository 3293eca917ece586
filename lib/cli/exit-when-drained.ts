/**
 * Resolves once everything written so far to a stream has been handed to the OS. Writes to a pipe are asynchronous
 * in Node: a process.exit() right after a large write (`npm run clv -- --output json | jq .`) cut it at 64 KiB.
 * Writes are queued in order, so the callback of an empty write comes after all earlier ones.
 */
export function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** Exits with `code` once standard output and standard error have drained. */
export async function exitWhenDrained(code: number): Promise<never> {
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  return process.exit(code);
}
