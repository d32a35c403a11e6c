import 'server-only';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import type { User } from '@/db/schema';
import { assertCanModerate, assertIsAdmin, assertSignedIn } from '../../rules/permissions';
import { getUserById } from '../../server/users/users';
import { getAuthOptions } from './options';

/**
 * The signed-in user as the database has them now (role, ban), once per
 * request. A token whose user no longer exists counts as signed out.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (typeof id !== 'number') return null;
  return getUserById(id) ?? null;
});

/** Signed in, banned or not (a banned user can still see their own proposals). */
export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  assertSignedIn(user);
  return user;
}

export async function requireRole(role: 'moderator' | 'admin'): Promise<User> {
  const user = await getCurrentUser();
  if (role === 'admin') assertIsAdmin(user);
  else assertCanModerate(user);
  return user;
}
