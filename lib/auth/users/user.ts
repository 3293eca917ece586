import { z } from 'zod';
import { ROLES } from '../permissions';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }));

/** A `users` item as stored; items read back are parsed with it too. */
export const userItemSchema = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  passwordHash: z.string(),
  createdAt: z.string(),
  disabled: z.boolean().default(false),
});
export type UserItem = z.infer<typeof userItemSchema>;

export type PublicUser = Pick<UserItem, 'email' | 'name' | 'role'>;
