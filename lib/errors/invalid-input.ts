import type { z } from 'zod';
import { DomainError, type FieldProblem } from './domain-error';

function fieldProblems(error: z.ZodError, prefix: string): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` };
    }
    return { path: path || prefix, message: issue.message };
  });
}

/**
 * A zod failure on caller input (`part`: body, query, params) as an `invalid` error naming each bad field, so a
 * service parsing its own input answers exactly as the route wrapper does.
 */
export function invalidInput(error: z.ZodError, part: string): DomainError {
  const errors = fieldProblems(error, part);
  const first = errors[0];
  const detail = first ? `${first.path}: ${first.message}` : `The ${part} is invalid.`;
  return new DomainError(
    'invalid',
    errors.length > 1 ? `${detail} (and ${errors.length - 1} more)` : detail,
    {
      errors,
    },
  );
}
