import { z } from 'zod';
import { DomainError } from '../errors/domain-error';

/** Opaque pagination cursors: base64url JSON, so clients pass them back without reading them. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  // A DomainError, not an ApiError: services (customer and order lists) decode cursors too. The title is the one
  // this answer has always had.
  throw new DomainError('invalid', 'query.cursor: not a cursor this API issued; start again without it.', {
    errors: [{ path: 'query.cursor', message: 'invalid cursor' }],
    title: 'Bad request',
  });
}
