/**
 * Resolves once everything written so far to a stream has been handed to the OS. Writes to a pipe are asynchronous
 * in Node: a process.exit() right after a large write (`npm run clv -- --output json | jq .`) cut it at 64 KiB.
 * Writes are queued in order, so the callback of an empty write comes after all earlier ones.
 */
export function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  // A reader that went away (`npm run clv | head`) ends the wait too: nobody is left to read the rest.
  return new Promise((resolve) => {
    stream.once('error', () => resolve());
    stream.write('', () => resolve());
  });
}

/**
 * Exits with `code` once standard output and standard error have drained. A reader that closed early (EPIPE) is no
 * error of this program: the exit is quiet, with the same code.
 */
export async function exitWhenDrained(code: number): Promise<never> {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(code);
    });
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  return process.exit(code);
}
