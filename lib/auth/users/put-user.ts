import { ConditionFailedError, getItem, putItem } from '../../db/items';
import { conflict } from '../../errors/domain-error';
import { hashPassword } from '../password';
import type { Role } from '../permissions';
import { emailSchema, userItemSchema, type UserItem } from './user';

export async function getUser(email: string): Promise<UserItem | undefined> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) return undefined;
  const item = await getItem('users', { email: parsed.data });
  return item ? userItemSchema.parse(item) : undefined;
}

/**
 * Creates a user (a conflict when the email is taken); with `replace` an existing user's role, name and password are
 * overwritten.
 */
export async function putUser(input: {
  email: string;
  name: string;
  role: Role;
  password: string;
  replace?: boolean;
}): Promise<UserItem> {
  const item: UserItem = userItemSchema.parse({
    email: emailSchema.parse(input.email),
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    createdAt: new Date().toISOString(),
  });
  try {
    await putItem('users', item, input.replace ? {} : { condition: 'attribute_not_exists(email)' });
  } catch (error) {
    if (error instanceof ConditionFailedError)
      throw conflict(`A user with email ${item.email} already exists.`);
    throw error;
  }
  return item;
}
