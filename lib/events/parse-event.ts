import type { z } from 'zod';
import { eventSchema, type PulseEvent } from './schemas';

/** One problem with an event: a dotted path (`properties.items.0.quantity`, '' for the whole event) and a sentence. */
export interface EventFieldError {
  path: string;
  message: string;
}

export type ParseEventResult = { ok: true; event: PulseEvent } | { ok: false; errors: EventFieldError[] };

/**
 * Names each bad field the way an API client reads it: unknown keys get their own path instead of the object's,
 * so a typo in `properties` points at the typo.
 */
function toFieldErrors(issues: readonly z.core.$ZodIssue[]): EventFieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'unknown field' }));
    }
    return [{ path, message: issue.message }];
  });
}

/** Missing fields read "required" rather than zod's "expected string, received undefined". */
const parseParams = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined,
};

/** Validates an event from any producer or from storage; never throws. */
export function parseEvent(input: unknown): ParseEventResult {
  const result = eventSchema.safeParse(input, parseParams);
  if (result.success) return { ok: true, event: result.data };
  return { ok: false, errors: toFieldErrors(result.error.issues) };
}

export class EventValidationError extends Error {
  override name = 'EventValidationError';
  constructor(readonly errors: EventFieldError[]) {
    super(`Invalid event: ${errors.map((e) => `${e.path || 'event'}: ${e.message}`).join('; ')}`);
  }
}
