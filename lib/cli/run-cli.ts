import { ConfigError } from '../config';
import { DataDirInUseError } from '../aws/data-dir-lock';
import { StoreUnitsMismatchError } from '../overview/bind-store-units';
import { exitWhenDrained } from './exit-when-drained';

/** Errors a person can act on are printed as one sentence; anything else keeps its stack for debugging. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function runCli(main: () => Promise<void>): void {
  main().then(
    () => exitWhenDrained(0),
    (error: unknown) => {
      const code = (error as { code?: unknown } | undefined)?.code;
      const badArgs = typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
      const known =
        error instanceof ConfigError ||
        error instanceof DataDirInUseError ||
        error instanceof UsageError ||
        error instanceof StoreUnitsMismatchError;
      if (error instanceof Error && (badArgs || known)) {
        console.error(`✖ ${error.message}${badArgs ? ' (see --help)' : ''}`);
      } else {
        console.error(error);
      }
      return exitWhenDrained(1);
    },
  );
}
