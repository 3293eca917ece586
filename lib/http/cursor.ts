import { z } from 'zod';
import { badRequest } from './errors';

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
  throw badRequest('query.cursor: not a cursor this API issued; start again without it.', [
    { path: 'query.cursor', message: 'invalid cursor' },
  ]);
}
